/**
 * Demo credit supervision: annual reports for the last five report years at about the seeds' rate
 * (~96 %: Shanwei 96.44 %), a few filed late; the last season closed (on the demo's today,
 * 2026-12-07, the 2025 season ended on 30 June): its non-filers proposed by the after-season batch
 * and, for all but a queue left to review, listed (individual businesses marked) on the tenth
 * working day; the season before: listed, and most of them removed after filing late. Deterministic
 * (a hash of entity and year decides who files).
 */
import { createHash } from 'node:crypto'
import { systemCtx } from '../core/actor'
import { nextYearlyNumber } from '../core/db/sequence'
import { newId } from '../core/ids'
import { beijingDate } from '../shared/time'
import { REMINDER_ROUNDS } from '../shared/credit/annual-report'
import type { Services } from '../app'

const RATE = 0.96
const CHUNK = 500
/** The proposals of the last season left for the credit officer to review (the queue). */
const LEFT_TO_REVIEW = 25

const unitFloat = (key: string) => createHash('sha256').update(key).digest().readUInt32BE(0) / 0x1_0000_0000

export async function loadDemoCredit(s: Services, log: (line: string) => void = () => {}): Promise<{ reports: number; listed: number; removed: number }> {
  const { db } = s.deps
  const today = beijingDate(s.deps.clock.now())
  const year = Number(today.slice(0, 4))
  // The last season that is over: this year's if 30 June has passed, else last year's.
  const lastYear = today > `${year}-06-30` ? year - 1 : year - 2
  const years = [lastYear - 4, lastYear - 3, lastYear - 2, lastYear - 1, lastYear]
  let reports = 0
  let after = ''
  for (;;) {
    const page = await db
      .selectFrom('marketEntity')
      .select(['id', 'entityKind', 'registeredOn', 'businessAddress', 'status'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(CHUNK)
      .execute()
    if (!page.length) break
    after = page[page.length - 1]!.id
    const rows = []
    for (const e of page) {
      if (e.status !== 'active') continue
      for (const y of years) {
        if (e.registeredOn && Number(e.registeredOn.slice(0, 4)) > y) continue
        const r = unitFloat(`${e.id}:${y}`)
        if (r >= RATE) continue
        const late = r > RATE - 0.01
        const day = 1 + Math.floor(unitFloat(`${e.id}:${y}:d`) * 170)
        const filedOn = late ? `${y + 1}-0${7 + (day % 3)}-1${day % 9}` : beijingDate(new Date(Date.UTC(y + 1, 0, day, 4)))
        const form = e.entityKind === 'individual' ? 'individual' : e.entityKind === 'cooperative' ? 'cooperative' : 'enterprise'
        const pub: Record<string, unknown> = {
          contact: { address: e.businessAddress ?? '焦作市', postcode: '454000', phone: `0391-${String(2_000_000 + Math.floor(r * 7_000_000)).slice(0, 7)}` },
          operatingStatus: 'operating',
          websites: [],
          ...(form === 'enterprise'
            ? { investments: [], capital: [], equityTransfers: [] }
            : form === 'cooperative'
              ? { members: 5 + Math.floor(r * 100) }
              : {}),
        }
        const now = new Date(`${filedOn}T02:00:00Z`).toISOString()
        rows.push({
          id: newId(),
          entityId: e.id,
          reportYear: y,
          form,
          publicJson: JSON.stringify(pub),
          optionalJson: JSON.stringify({ employees: 1 + Math.floor(r * 80) }),
          publishOptional: r < 0.5 ? 1 : 0,
          filedOn,
          late: late ? 1 : 0,
          source: 'demo',
          liaisonId: null,
          revision: 1,
          version: 1,
          createdAt: now,
          updatedAt: now,
        })
      }
    }
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('annualReport')
        .values(rows.slice(i, i + 200))
        .execute()
    reports += rows.length
  }
  log(`演示年报：${years[0]}–${lastYear} 年度 ${reports} 份`)

  const root = await s.creditLists.rootUnitId()
  const leader = (await db.selectFrom('appUser').select('id').where('username', '=', 'leader').executeTakeFirst())?.id ?? null
  const officer = (await db.selectFrom('appUser').select('id').where('username', '=', 'credit').executeTakeFirst())?.id ?? null

  /** Lists the season's proposals as the two-step review would (10th working day), leaving `keep` in the queue. */
  async function listSeason(reportYear: number, keep: number): Promise<string[]> {
    await s.creditLists.listings.proposeNonFilers({ reportYear, fallbackUnitId: root, batchId: `demo-${reportYear}`, ctx: systemCtx('demo') })
    const rows = await db.selectFrom('creditListing').select(['id', 'nextDueOn']).where('sourceId', '=', `demo-${reportYear}`).orderBy('id').execute()
    const listed = rows.slice(keep)
    await db.transaction().execute(async (trx) => {
      for (const r of listed) {
        const on = r.nextDueOn!
        await trx
          .updateTable('creditListing')
          .set({
            state: 'listed',
            reviewedBy: officer,
            reviewedAt: new Date(`${on}T01:00:00Z`).toISOString(),
            approvedBy: leader,
            listedOn: on,
            publishedOn: on,
            listingNo: await nextYearlyNumber(trx, 'YC', on.slice(0, 4)),
            nextDueOn: null,
            version: 3,
          })
          .where('id', '=', r.id)
          .execute()
        await trx.updateTable('matterClock').set({ doneOn: on }).where('matterType', '=', 'credit_listing').where('matterId', '=', r.id).execute()
      }
    })
    // Two of the queue reviewed, waiting for the head.
    for (const r of rows.slice(0, Math.min(2, keep))) await s.creditLists.listings.act(systemCtx('demo'), r.id, 'review', { note: '已核实未报送' })
    return listed.map((r) => r.id)
  }

  // The last season's three reminder rounds (年报催报), as built on their days.
  let reminded = 0
  for (const r of REMINDER_ROUNDS) {
    const asOf = `${lastYear + 1}-${r.from}`
    if (asOf > today) break
    reminded += (await s.creditSeason.reminders.build({ reportYear: lastYear, round: r.round, batchId: `demo-reminder-${lastYear}-${r.round}`, asOf })).created
  }
  log(`演示年报催报：${lastYear} 年度 ${reminded} 条`)

  const current = today > `${lastYear + 1}-06-30` ? await listSeason(lastYear, LEFT_TO_REVIEW) : []
  const previous = await listSeason(lastYear - 1, 0)
  // Most of the previous season's listed entities filed late and were removed on application.
  let removed = 0
  for (const id of previous) {
    const l = await db.selectFrom('creditListing').select(['entityId', 'listedOn', 'reportYear']).where('id', '=', id).executeTakeFirstOrThrow()
    if (unitFloat(`removed:${id}`) > 0.65) continue
    const on = beijingDate(new Date(Date.parse(`${l.listedOn}T00:00:00Z`) + (30 + Math.floor(unitFloat(`r:${id}`) * 120)) * 86_400_000))
    const now = new Date(`${on}T02:00:00Z`).toISOString()
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('annualReport')
        .values({
          id: newId(),
          entityId: l.entityId,
          reportYear: Number(l.reportYear),
          form: 'enterprise',
          publicJson: JSON.stringify({ contact: { address: '焦作市', postcode: '454000', phone: '0391-3900000' }, operatingStatus: 'operating', websites: [] }),
          optionalJson: '{}',
          publishOptional: 0,
          filedOn: on,
          late: 1,
          source: 'demo',
          liaisonId: null,
          revision: 1,
          version: 1,
          createdAt: now,
          updatedAt: now,
        })
        .onConflict((oc) => oc.columns(['entityId', 'reportYear']).doNothing())
        .execute()
      await trx
        .updateTable('creditListing')
        .set({ state: 'removed', removalGround: 'reports_filed', removalAppliedOn: on, removedOn: on, version: 5 })
        .where('id', '=', id)
        .execute()
    })
    removed += 1
  }
  log(
    `演示经营异常名录：${lastYear} 年度列入 ${current.length} 户（另有 ${LEFT_TO_REVIEW} 条待审核），${lastYear - 1} 年度列入 ${previous.length} 户、已移出 ${removed} 户`,
  )
  return { reports, listed: current.length + previous.length, removed }
}
