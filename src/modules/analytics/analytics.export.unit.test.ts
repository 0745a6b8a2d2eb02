import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { writeItemsWorkbook, type ItemExportRow } from './analytics.export'

/** A synthetic row: varied text so deflate has work to do. */
function row(i: number): ItemExportRow {
  return {
    id: String(i).padStart(10, '0'),
    itemNo: `TS2026${String(i).padStart(7, '0')}`,
    type: 'complaint',
    channel: 'hotline',
    receivedOn: '2026-10-01',
    category: 'price',
    productCode: null,
    summary: `口罩价格过高 ${i} ${(i * 7919).toString(36)}`,
    respondentName: `焦作市某药房第${i}分店`,
    respondentUscc: null,
    partyMaskedName: '王*',
    partyMaskedPhone: '139****1111',
    anonymous: 0,
    handlingUnitId: 'u1',
    state: 'received',
    outcome: null,
    amountClaimedFen: null,
    recoveredFen: 0,
    acceptDueOn: '2026-10-13',
    acceptDecidedOn: null,
    mediationDueOn: null,
    concludedOn: null,
    terminatedOn: null,
    terminationNoticeDueOn: null,
    terminationNotifiedOn: null,
    reporterNotifyDueOn: null,
    reporterNotifiedOn: null,
    verifyDueOn: null,
    filingDecidedOn: null,
    answerDueOn: null,
    answeredOn: null,
    nextDueOn: '2026-10-13',
    closedOn: null,
    satisfaction: null,
  }
}

/**
 * The export's backpressure gives up when its output has been closed (a client that went away):
 * it must not keep reading pages from the database into a stream nobody reads.
 */
describe('item export to an output that is closed midway', () => {
  it('stops reading pages and rejects with a zh-CN reason', async () => {
    // An output that accepts nothing (never calls back): the zip's queue fills, the export waits.
    const out = new Writable({ highWaterMark: 1024, write() {} })
    let pages = 0
    let rows = 0
    const done = writeItemsWorkbook(out, {
      maxRows: 10_000_000,
      unitName: () => '解放区市场监督管理局',
      today: '2026-10-20',
      page: async (after, limit) => {
        pages++
        const start = after ? Number(after) + 1 : 0
        return Array.from({ length: limit }, (_, k) => row(start + k))
      },
      onRows: (n) => {
        rows = n
      },
    })
    const settled = done.then(
      () => 'resolved',
      (e: Error) => e.message,
    )
    // Let it run into the full queue, then close the output as a dropped connection would.
    await new Promise((r) => setTimeout(r, 300))
    const pagesWhenClosed = pages
    out.destroy()
    expect(await settled).toBe('导出中止：输出流已关闭')
    // At most the page in hand was finished after the close; nowhere near the 10 M rows asked for.
    expect(pages - pagesWhenClosed).toBeLessThanOrEqual(1)
    expect(rows).toBeLessThan(100_000)
  })

  it('writes every row when the output keeps up', async () => {
    const chunks: Buffer[] = []
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk)
        cb()
      },
    })
    const n = await writeItemsWorkbook(out, {
      maxRows: 1_000,
      unitName: () => '解放区市场监督管理局',
      today: '2026-10-20',
      page: async (after, limit) => {
        const start = after ? Number(after) + 1 : 0
        return Array.from({ length: Math.min(limit, 600 - start) }, (_, k) => row(start + k)).filter((r) => Number(r.id) < 600)
      },
    })
    expect(n).toBe(600)
    const zip = Buffer.concat(chunks)
    expect(zip.subarray(0, 2).toString()).toBe('PK')
  })
})
