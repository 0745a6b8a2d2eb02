import { randomBytes } from 'node:crypto'
import { appendFileSync, closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname } from 'node:path'
import type { Config } from '../../core/config'
import { AppError } from '../../core/errors'
import { formatCheckpoint, parseCheckpoint, type Checkpoint } from './audit.domain'

export type AnchorConfig = Config['auditAnchor']

/**
 * The audit chain's anchor outside the database (ADR 0005): an append-only file of checkpoints
 * signed with HMAC-SHA256. The key comes from AUDIT_ANCHOR_KEY or, when that is not set, from a key
 * file created once with mode 0600; it is never written to the database.
 */
export function createAuditAnchor(cfg: AnchorConfig) {
  function readKey(create: boolean): string | null {
    if (cfg.key) return cfg.key
    if (existsSync(cfg.keyFile)) return readFileSync(cfg.keyFile, 'utf8').trim()
    if (!create) return null
    mkdirSync(dirname(cfg.keyFile), { recursive: true })
    // Written whole to a private file, then linked into place: another process starting at the same
    // moment either wins the link or reads a complete key, never a half-written one.
    const tmp = `${cfg.keyFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 })
    try {
      linkSync(tmp, cfg.keyFile)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    } finally {
      unlinkSync(tmp)
    }
    return readFileSync(cfg.keyFile, 'utf8').trim()
  }

  return {
    file: cfg.file,
    /**
     * Every checkpoint in the file, authenticated. The first malformed or wrongly signed line is a
     * problem (the file was edited, or the key is not the one that signed it).
     */
    read(): { checkpoints: Checkpoint[]; bad?: { line: number; reason: string } } {
      if (!existsSync(cfg.file)) return { checkpoints: [] }
      const lines = readFileSync(cfg.file, 'utf8').split('\n')
      const checkpoints: Checkpoint[] = []
      const key = lines.some((l) => l.trim()) ? readKey(false) : null
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!.trim()
        if (!line) continue
        if (!key) return { checkpoints, bad: { line: i + 1, reason: '找不到签名密钥' } }
        const c = parseCheckpoint(key, line)
        if ('reason' in c) return { checkpoints, bad: { line: i + 1, reason: c.reason } }
        checkpoints.push(c)
      }
      return { checkpoints }
    },
    /** Appends one signed checkpoint and flushes it to disk. */
    append(c: Omit<Checkpoint, 'node'>): Checkpoint {
      const key = readKey(true)
      if (!key || key.length < 32) throw new AppError('INTERNAL', '审计检查点签名密钥缺失或过短（至少 32 个字符）')
      const full: Checkpoint = { ...c, node: `${hostname()}:${process.pid}` }
      mkdirSync(dirname(cfg.file), { recursive: true })
      // O_APPEND: concurrent writers (several processes on one host) never overwrite each other.
      appendFileSync(cfg.file, `${formatCheckpoint(key, full)}\n`, { mode: 0o600 })
      const fd = openSync(cfg.file, 'r')
      try {
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
      return full
    },
  }
}
export type AuditAnchor = ReturnType<typeof createAuditAnchor>
