import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { TINY_PDF, TINY_PNG } from '../../../test/files'
import { AppError } from '../errors'
import { commandScanner, notScanned } from './attachments.scan'
import { checkFile, safeFileName, sniff, typeNames } from './attachments.sniff'
import { defineAttachmentKind } from './attachments.types'

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])
const KIND = defineAttachmentKind({ ownerType: 'test_matter', ownerLabel: '件', maxBytes: 1024, maxPerOwner: 3, types: ['png', 'pdf'] })

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

describe('sniffing the type from the bytes', () => {
  it('recognises PNG, JPEG and PDF by their structure', async () => {
    expect(await sniff(TINY_PNG)).toBe('png')
    expect(await sniff(JPEG)).toBe('jpeg')
    expect(await sniff(TINY_PDF)).toBe('pdf')
  })

  it('does not take a bare signature, text, or another zip format for an allowed type', async () => {
    // The PNG signature followed by filler is not a PNG (no IHDR chunk).
    expect(await sniff(Buffer.concat([TINY_PNG.subarray(0, 8), Buffer.alloc(40, 1)]))).toBeUndefined()
    expect(await sniff(Buffer.from('<script>alert(1)</script>'))).toBeUndefined()
    // An .xlsx is a zip like a .docx, but not a DOCX.
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('表').addRow(['x'])
    expect(await sniff(Buffer.from(await wb.xlsx.writeBuffer()))).toBeUndefined()
    expect(await sniff(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).toBeUndefined()
  })
})

describe('limits per kind', () => {
  it('accepts a file of an allowed type whose extension agrees', async () => {
    expect(await checkFile(KIND, '照片.PNG', TINY_PNG)).toEqual({ type: 'png', mime: 'image/png' })
    expect(await checkFile(KIND, '记录.pdf', TINY_PDF)).toEqual({ type: 'pdf', mime: 'application/pdf' })
  })

  it('refuses an empty file, a file over the size limit, a type outside the kind and a lying extension — in Chinese', async () => {
    const empty = await refusal(checkFile(KIND, 'a.png', Buffer.alloc(0)))
    expect([empty.code, empty.message]).toEqual(['VALIDATION', '附件“a.png”内容为空'])
    const big = await refusal(checkFile(KIND, 'a.png', Buffer.concat([TINY_PNG, Buffer.alloc(1024)])))
    expect(big.code).toBe('PAYLOAD_TOO_LARGE')
    expect(big.status).toBe(413)
    expect(big.message).toContain('超过')
    const jpeg = await refusal(checkFile(KIND, 'a.jpg', JPEG))
    expect([jpeg.code, jpeg.message]).toEqual(['VALIDATION', '附件“a.jpg”类型不支持：只接受 PNG、PDF 文件'])
    const lying = await refusal(checkFile(KIND, 'a.pdf', TINY_PNG))
    expect(lying.message).toBe('文件内容是 PNG，与扩展名“.pdf”不符')
    const bare = await refusal(checkFile(KIND, 'noext', TINY_PNG))
    expect(bare.message).toContain('（无）')
    expect(typeNames(KIND)).toBe('PNG、PDF')
  })

  it('keeps no path separators or control characters in a stored file name', () => {
    expect(safeFileName('..\\..\\etc/passwd\u0000.png')).toBe('.._.._etc_passwd_.png')
    expect(safeFileName(`${'长'.repeat(200)}.png`)).toHaveLength(120)
    expect(safeFileName(`${'长'.repeat(200)}.png`).endsWith('.png')).toBe(true)
  })
})

describe('the virus-scan hook', () => {
  it('records not_scanned when no scanner is configured', async () => {
    expect(await notScanned.scan(TINY_PNG, { fileName: 'a.png', mime: 'image/png' })).toBe('not_scanned')
  })

  it('maps a scanner command’s exit codes (ClamAV: 0 clean, 1 infected, other error) and a missing command to error', async () => {
    const meta = { fileName: 'a.png', mime: 'image/png' }
    expect(await commandScanner('true').scan(TINY_PNG, meta)).toBe('clean')
    expect(await commandScanner('false').scan(TINY_PNG, meta)).toBe('infected')
    expect(await commandScanner(`${process.execPath} -e process.exit(2)`).scan(TINY_PNG, meta)).toBe('error')
    expect(await commandScanner('/nonexistent/clamdscan -').scan(TINY_PNG, meta)).toBe('error')
  })
})
