import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from './errors'

/**
 * Content-addressed file store outside the database (uploaded evidence: photos, receipts, scans).
 * A file lives at `<dir>/<sha[0..2]>/<sha>`; the sha256 on the owning row is its key, so the same
 * bytes are stored once, a row never points at changed content (a read re-hashes and refuses a
 * file that no longer matches), and the database stays small for backups. Writes go to a temporary
 * name and are renamed into place (atomic on one file system). Files are never deleted here: the
 * rows that reference them are append-only evidence.
 */
export function createFileStore(dir: string) {
  const pathOf = (sha: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new AppError('INTERNAL', '文件标识无效')
    return join(dir, sha.slice(0, 2), sha)
  }
  return {
    /** Stores the bytes (once); returns their sha256 (hex). */
    async put(bytes: Buffer): Promise<string> {
      const sha = createHash('sha256').update(bytes).digest('hex')
      const path = pathOf(sha)
      const exists = await stat(path).then(
        (s) => s.size === bytes.length,
        () => false,
      )
      if (!exists) {
        await mkdir(join(dir, sha.slice(0, 2)), { recursive: true })
        const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`
        await writeFile(tmp, bytes, { flag: 'wx' })
        await rename(tmp, path)
      }
      return sha
    },
    /** A temporary path in the store's folder (same file system: `putFile` renames it into place). */
    async tmpPath(): Promise<string> {
      await mkdir(join(dir, 'tmp'), { recursive: true })
      return join(dir, 'tmp', `${randomBytes(12).toString('hex')}.tmp`)
    },
    /** Stores a finished file written at a `tmpPath()` (moved, not copied); returns its sha256. */
    async putFile(path: string): Promise<string> {
      const hash = createHash('sha256')
      for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
      const sha = hash.digest('hex')
      const target = pathOf(sha)
      await mkdir(join(dir, sha.slice(0, 2)), { recursive: true })
      if (
        await stat(target).then(
          () => true,
          () => false,
        )
      )
        await rm(path, { force: true })
      else await rename(path, target)
      return sha
    },
    /** The bytes stored under `sha`, checked against it. */
    async get(sha: string): Promise<Buffer> {
      const bytes = await readFile(pathOf(sha)).catch(() => {
        throw new AppError('NOT_FOUND', '附件文件不存在（存储目录可能未迁移），请联系系统管理员')
      })
      if (createHash('sha256').update(bytes).digest('hex') !== sha) throw new AppError('INTERNAL', '附件文件校验失败（内容与登记时不一致），请联系系统管理员')
      return bytes
    },
  }
}
export type FileStore = ReturnType<typeof createFileStore>
