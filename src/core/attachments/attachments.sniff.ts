import { fileTypeFromBuffer } from 'file-type'
import { AppError, validation } from '../errors'
import { FILE_TYPES, type AttachmentKind, type FileTypeId } from './attachments.types'

/*
 * The content type comes from the bytes, never from the client's Content-Type or the file name.
 * We use `file-type` (maintained, ESM, Node ≥ 20 from v21): it checks structure, not only the first
 * bytes — a PNG needs its IHDR chunk, a DOCX is a zip holding word/document.xml (a bare "PK" header
 * or an .xlsx is not a DOCX) — which hand-written magic numbers did not.
 */

const BY_MIME = new Map(Object.entries(FILE_TYPES).map(([id, t]) => [t.mime as string, id as FileTypeId]))

/** The allowed type the bytes are, or undefined (unknown, or a type outside FILE_TYPES). */
export async function sniff(bytes: Uint8Array): Promise<FileTypeId | undefined> {
  const t = await fileTypeFromBuffer(bytes).catch(() => undefined)
  return t ? BY_MIME.get(t.mime) : undefined
}

/** `JPG、PNG、PDF` — the types a kind accepts, for messages. */
export const typeNames = (kind: AttachmentKind) => kind.types.map((t) => FILE_TYPES[t].label).join('、')

/** A stored file name: no path separators or control characters, at most 120 characters (the tail keeps the extension). */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a stored file name must not keep
  return name.replace(/[\\/\u0000-\u001f]/g, '_').slice(-120)
}

/**
 * Checks a file against its kind: not empty, within the size limit, one of the kind's types by its
 * bytes, and the extension agrees with the content. Returns the content type.
 * @throws PAYLOAD_TOO_LARGE over the size limit; VALIDATION otherwise (zh-CN messages)
 */
export async function checkFile(kind: AttachmentKind, fileName: string, bytes: Uint8Array): Promise<{ type: FileTypeId; mime: string }> {
  if (bytes.length === 0) throw validation(`附件“${fileName}”内容为空`)
  if (bytes.length > kind.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `附件“${fileName}”超过 ${formatMb(kind.maxBytes)} MB`)
  const type = await sniff(bytes)
  if (!type || !kind.types.includes(type)) throw validation(`附件“${fileName}”类型不支持：只接受 ${typeNames(kind)} 文件`)
  const ext = (fileName.includes('.') ? fileName.split('.').pop()! : '').toLowerCase()
  const t = FILE_TYPES[type]
  if (!(t.ext as readonly string[]).includes(ext)) throw validation(`文件内容是 ${t.label}，与扩展名“${ext ? `.${ext}` : '（无）'}”不符`)
  return { type, mime: t.mime }
}

export const formatMb = (bytes: number) => String(Math.round((bytes / 1024 / 1024) * 10) / 10)
