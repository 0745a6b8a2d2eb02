import type { Clock } from '../clock'
import type { Config } from '../config'
import type { Db, Executor } from '../db/database'
import { AppError, validation } from '../errors'
import { createFileStore, type FileStore } from '../files'
import { newId } from '../ids'
import { notScanned, scannerFor, type VirusScanner } from './attachments.scan'
import { checkFile, safeFileName } from './attachments.sniff'
import type { AttachmentKind, AttachmentTable, ScanStatus } from './attachments.types'

/** A file checked, scanned and put in the file store, not yet recorded against its owner. */
export interface AcceptedFile {
  ownerType: string
  fileName: string
  mime: string
  sizeBytes: number
  sha256: string
  scanStatus: ScanStatus
}

/** An attachment's row without its bytes. */
export type AttachmentMeta = Omit<AttachmentTable, 'content' | 'stored'>

const META = [
  'id',
  'ownerType',
  'ownerId',
  'kind',
  'fileName',
  'contentType',
  'sizeBytes',
  'sha256',
  'confidential',
  'scanStatus',
  'uploadedBy',
  'uploadedAt',
] as const

/**
 * The one attachment store (table `attachment`, bytes in the content-addressed file store). Access
 * checks stay with the owning module: it loads its matter within the actor's scope first, then asks
 * for that matter's attachments here — the store never decides who may see a file.
 */
export function createAttachmentStore(deps: { db: Db; clock: Clock; files?: FileStore | string; scanner?: VirusScanner }) {
  const { db, clock } = deps
  const fileStore = typeof deps.files === 'string' ? createFileStore(deps.files) : deps.files
  /** The bytes' store: only `accept` and `open` need it (rows and counts do not). */
  const files = () => {
    if (!fileStore) throw new AppError('INTERNAL', '附件存储目录未配置')
    return fileStore
  }
  const scanner = deps.scanner ?? notScanned

  const metaOf = (r: AttachmentMeta): AttachmentMeta => ({ ...r, sizeBytes: Number(r.sizeBytes), confidential: Number(r.confidential) })

  return {
    /**
     * Checks the file against its kind (size, type from the bytes, extension), scans it and puts it
     * in the file store. Call before the owner's transaction; nothing is recorded yet.
     */
    async accept(kind: AttachmentKind, fileName: string, bytes: Buffer): Promise<AcceptedFile> {
      const name = safeFileName(fileName)
      const { mime } = await checkFile(kind, name, bytes)
      const scanStatus = await scanner.scan(bytes, { fileName: name, mime })
      if (scanStatus === 'infected') throw validation(`附件“${name}”未通过病毒扫描，已拒收`)
      if (scanStatus === 'error') throw new AppError('INTERNAL', '病毒扫描暂不可用，请稍后重新上传', undefined, 503)
      const sha256 = await files().put(bytes)
      return { ownerType: kind.ownerType, fileName: name, mime, sizeBytes: bytes.length, sha256, scanStatus }
    },

    /** Refuses another file when the owner already has `kind.maxPerOwner` (inside the owner's transaction). */
    async assertRoom(ex: Executor, kind: AttachmentKind, ownerId: string): Promise<void> {
      const n = await ex
        .selectFrom('attachment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('ownerType', '=', kind.ownerType)
        .where('ownerId', '=', ownerId)
        .executeTakeFirstOrThrow()
      if (Number(n.n) >= kind.maxPerOwner) throw validation(`每${kind.ownerLabel}最多 ${kind.maxPerOwner} 个附件`)
    },

    /** Records an accepted file against its owner; returns the attachment id. */
    async record(
      ex: Executor,
      file: AcceptedFile,
      owner: { id: string; kind?: string | null; confidential?: boolean; uploadedBy: string | null },
    ): Promise<string> {
      const id = newId()
      await ex
        .insertInto('attachment')
        .values({
          id,
          ownerType: file.ownerType,
          ownerId: owner.id,
          kind: owner.kind ?? null,
          fileName: file.fileName,
          contentType: file.mime,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          stored: 'file',
          content: null,
          confidential: owner.confidential ? 1 : 0,
          scanStatus: file.scanStatus,
          uploadedBy: owner.uploadedBy,
          uploadedAt: clock.now().toISOString(),
        })
        .execute()
      return id
    },

    /** The attachments of some owners (no bytes), oldest first. */
    async list(ex: Executor, ownerType: string, ownerIds: readonly string[]): Promise<AttachmentMeta[]> {
      if (ownerIds.length === 0) return []
      const rows = await ex
        .selectFrom('attachment')
        .select(META)
        .where('ownerType', '=', ownerType)
        .where('ownerId', 'in', ownerIds)
        .orderBy('uploadedAt')
        .orderBy('id')
        .execute()
      return rows.map(metaOf)
    },

    /** How many attachments each owner has. */
    async counts(ex: Executor, ownerType: string, ownerIds: readonly string[]): Promise<Map<string, number>> {
      if (ownerIds.length === 0) return new Map()
      const rows = await ex
        .selectFrom('attachment')
        .select(['ownerId', (eb) => eb.fn.countAll<number>().as('n')])
        .where('ownerType', '=', ownerType)
        .where('ownerId', 'in', ownerIds)
        .groupBy('ownerId')
        .execute()
      return new Map(rows.map((r) => [r.ownerId, Number(r.n)]))
    },

    /** One attachment's row (no bytes) of the owner type, or undefined. */
    async meta(ownerType: string, id: string): Promise<AttachmentMeta | undefined> {
      const r = await db.selectFrom('attachment').select(META).where('id', '=', id).where('ownerType', '=', ownerType).executeTakeFirst()
      return r && metaOf(r)
    },

    /**
     * One attachment of a given owner with its bytes (checked against the sha256), or undefined when
     * the id does not belong to that owner. The caller has already checked the owner is in scope.
     */
    async open(ownerType: string, ownerId: string, id: string): Promise<(AttachmentMeta & { content: Buffer }) | undefined> {
      const r = await db
        .selectFrom('attachment')
        .selectAll()
        .where('id', '=', id)
        .where('ownerType', '=', ownerType)
        .where('ownerId', '=', ownerId)
        .executeTakeFirst()
      if (!r) return undefined
      // Rows backfilled from the old per-module tables may keep their bytes in the database.
      const content = r.stored === 'file' || !r.content ? await files().get(r.sha256) : Buffer.from(r.content)
      const { content: _c, stored: _s, ...meta } = r
      return { ...metaOf(meta), content }
    },
  }
}
export type AttachmentStore = ReturnType<typeof createAttachmentStore>

/** The store as configured (FILE_DIR, FILE_SCAN_COMMAND). */
export function attachmentStoreFor(deps: { db: Db; clock: Clock; config: Config }): AttachmentStore {
  return createAttachmentStore({ db: deps.db, clock: deps.clock, files: deps.config.files.dir, scanner: scannerFor(deps.config.files.scanCommand) })
}
