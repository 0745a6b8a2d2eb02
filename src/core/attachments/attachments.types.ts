/*
 * What the attachment table holds and what a kind of attachment allows. Core knows no domain: the
 * owning module declares its kinds (limits as data) and asks for its matter's rows after its own
 * scope check.
 */

/** A file type the store can recognise from the bytes (file-type's id), with its zh-CN label. */
export const FILE_TYPES = {
  jpeg: { mime: 'image/jpeg', ext: ['jpg', 'jpeg'], label: 'JPG' },
  png: { mime: 'image/png', ext: ['png'], label: 'PNG' },
  pdf: { mime: 'application/pdf', ext: ['pdf'], label: 'PDF' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: ['docx'], label: 'DOCX' },
} as const
export type FileTypeId = keyof typeof FILE_TYPES

/** Limits of one kind of attachment (e.g. evidence on a 12315 item, a photo of an inspection). */
export interface AttachmentKind {
  /** The owner's matter type, stored as `owner_type` (complaint_item, inspection_target, …). */
  ownerType: string
  /** Largest file in bytes. */
  maxBytes: number
  /** The owner in the count message: 每{ownerLabel}最多 N 个附件 (件, 个检查对象). */
  ownerLabel: string
  /** Most files per owner (matter). */
  maxPerOwner: number
  /** Types accepted, recognised from the bytes; the file name's extension must agree. */
  types: readonly FileTypeId[]
}

/** Declares a kind (type-checked data; see each module's README for its limits). */
export const defineAttachmentKind = (k: AttachmentKind): AttachmentKind => k

/** not_scanned (no scanner configured) | clean | infected (never stored) | error (scanner failed: refused). */
export type ScanStatus = 'not_scanned' | 'clean' | 'infected' | 'error'

export interface AttachmentTable {
  id: string
  ownerType: string
  ownerId: string
  /** The owning module's own sub-kind (12315: evidence | power_of_attorney | other); null when none. */
  kind: string | null
  fileName: string
  contentType: string
  sizeBytes: number
  sha256: string
  /** file: bytes in the content-addressed file store by sha256 | db: bytes in `content` (rows from before the store). */
  stored: string
  content: Buffer | null
  /** 1: the file may identify a protected person; views are audited by the owning module. */
  confidential: number
  scanStatus: string
  uploadedBy: string | null
  uploadedAt: string
}

declare module '../db/types' {
  interface Database {
    attachment: AttachmentTable
  }
}
