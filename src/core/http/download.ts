import type { Writable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 (Chinese) file name. */
export function attachment(name: string, fallback = 'export.xlsx'): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/**
 * Streams a download written by `write` (Excel exports of up to a million rows, error reports).
 * Permission and input checks must happen before the call: once the headers are out, a failure
 * can no longer become an error response, so it breaks the connection — the client sees a failed
 * download, never a complete-looking but truncated file with status 200.
 */
export async function streamDownload(
  req: FastifyRequest,
  reply: FastifyReply,
  file: { name: string; fallback?: string; type?: string },
  write: (out: Writable) => Promise<unknown>,
): Promise<void> {
  reply.header('content-type', file.type ?? XLSX_TYPE)
  reply.header('content-disposition', attachment(file.name, file.fallback))
  reply.hijack()
  reply.raw.writeHead(200, reply.getHeaders() as Record<string, string>)
  try {
    await write(reply.raw)
    reply.raw.end()
  } catch (e) {
    req.log.error({ err: e }, 'download failed midway')
    reply.raw.destroy(e instanceof Error ? e : new Error(String(e)))
  }
}
