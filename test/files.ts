/**
 * Real, minimal files for upload tests: the attachment store recognises types from their structure
 * (file-type), so a bare signature followed by filler is not a PNG.
 */

/** A 1×1 PNG (signature, IHDR, IDAT, IEND). */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/** A PDF header and trailer (file-type recognises PDF by its header). */
export const TINY_PDF = Buffer.from('%PDF-1.4\n% test\n%%EOF\n')
