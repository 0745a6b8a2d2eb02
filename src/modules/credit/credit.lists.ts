import { z } from 'zod'
import { beijingDate } from '../../shared/time'
import type { Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { JobHandler } from '../../core/jobs'
import type { ClockKernel } from '../../core/matter/clocks'
import type { AuditService } from '../audit'
import { createAnnualReportService } from './annual-report.service'
import { createCreditPublic, type PublicRules } from './credit.public'
import { createListingService, presentListing } from './listing.service'
import type { ProfileSection } from '../entities'

export const BATCH_JOB_KIND = 'credit.abnormal_batch'
const UNIT_WORD: Record<string, string> = { WD: '个工作日', CD: '日', M: '个月', Y: '年' }

/** The rule catalogue as the credit lists use it (narrowed from the rules service). */
export interface CreditRulesPort {
  deadlineFor(ruleId: string, eventDate: string): Promise<{ rule: { length: number; unit: string }; deadline: { date: string } }>
  resolve(ruleId: string, eventDate: string): Promise<{ length: number; unit: string }>
}

/**
 * The credit lists' services: annual reports and liaisons, the abnormal-operations list and the
 * public query, over one set of deps (built in app.ts after the clock kernel).
 */
export function createCreditLists(deps: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { audit: AuditService; clocks: ClockKernel; rules: CreditRulesPort }) {
  const reports = createAnnualReportService(deps)
  const listings = createListingService(deps)
  const rules: PublicRules = {
    due: async (ruleId, start) => (await deps.rules.deadlineFor(ruleId, start).catch(() => null))?.deadline.date ?? null,
    period: async (ruleId, on) => {
      const r = await deps.rules.resolve(ruleId, on)
      return `${r.length} ${UNIT_WORD[r.unit] ?? r.unit}`
    },
  }
  const publicQuery = createCreditPublic({ ...deps, reports, rules })

  /** The unit owning batch proposals of entities without a station: the top of the organisation. */
  async function rootUnitId(): Promise<string> {
    const r = await deps.db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).orderBy('code').limit(1).executeTakeFirstOrThrow()
    return r.id
  }

  /** The after-season batch as a job of the task centre: progress per chunk, resumable from its checkpoint. */
  const batchJob: JobHandler<{ reportYear: number }> = {
    kind: BATCH_JOB_KIND,
    label: '未年报主体批量列入经营异常名录建议',
    payload: z.object({ reportYear: z.number().int().min(2013).max(2100) }),
    maxAttempts: 3,
    async run(j) {
      const cp = (j.checkpoint ?? null) as { after: string; proposed: number; scanned: number } | null
      const total = Number(
        (
          await deps.db
            .selectFrom('marketEntity')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
      const r = await listings.proposeNonFilers({
        reportYear: j.payload.reportYear,
        fallbackUnitId: await rootUnitId(),
        batchId: j.job.id,
        after: cp?.after ?? null,
        signal: j.signal,
        progress: async (done, proposed, last) => {
          const d = done + (cp?.scanned ?? 0)
          const p = proposed + (cp?.proposed ?? 0)
          await j.progress(d, total, `已检查 ${d} 户，提出列入建议 ${p} 户`)
          if (d % 50_000 < 1000) await j.saveCheckpoint({ after: last, proposed: p, scanned: d })
        },
      })
      return { reportYear: j.payload.reportYear, scanned: r.scanned + (cp?.scanned ?? 0), proposed: r.proposed + (cp?.proposed ?? 0) }
    },
  }

  /**
   * The entity file's credit section (一户一档): the whole credit history in one table, newest
   * first — annual reports (filed, late, corrected), abnormal-list proposals, listings, objections
   * and removals with their dates, and the inspection-born credit proposals.
   */
  function profileSection(proposals: ProfileSection): ProfileSection {
    return {
      key: proposals.key,
      title: '信用记录',
      permission: 'credit.read',
      async load(ctx, entity) {
        const [legacy, listed, filed] = await Promise.all([
          proposals.load(ctx, entity),
          listings.visible(ctx).where('creditListing.entityId', '=', entity.id).orderBy('creditListing.createdAt', 'desc').limit(100).execute(),
          reports.reportsOf(deps.db, entity.id, true),
        ])
        type Cell = ProfileSection extends { load(...a: never[]): Promise<{ rows: Array<infer R> }> } ? R : never
        const rows: Array<{ on: string; row: Cell }> = []
        for (const r of filed) {
          rows.push({
            on: r.filedOn,
            row: {
              on: r.filedOn,
              matter: `${r.reportYear} 年度报告`,
              detail: `${r.sourceLabel}${r.late ? '（逾期补报）' : ''}${r.history.length ? `；已更正 ${r.history.length} 次（更正前后均保留）` : ''}`,
              unitName: null,
              state: { text: r.late ? '逾期报送' : '已报送', color: r.late ? 'orange' : 'green' },
            },
          })
        }
        for (const l of listed.map(presentListing)) {
          const steps: Array<[string | null, string, string, string]> = [
            [beijingDate(l.createdAt), '列入建议', `${l.groundLabel}${l.reportYear ? `（${l.reportYear} 年度）` : ''}`, l.stateLabel],
            [l.listedOn, l.modeLabel, `${l.listingNo ?? ''} ${l.groundLabel}`.trim(), '已列入'],
            [l.objectionOn, '异议', l.objectionText ?? '', '异议'],
            [l.removalAppliedOn, '移出申请', l.removalGroundLabel ?? '', '申请移出'],
            [l.removedOn, '移出经营异常名录', l.removalGroundLabel ?? '', '已移出'],
          ]
          for (const [on, matter, detail, state] of steps)
            if (on)
              rows.push({
                on,
                row: {
                  on,
                  matter: { text: matter, href: `/credit-listings?entityId=${entity.id}` },
                  detail,
                  unitName: l.unitName,
                  state: { text: state, color: state === '已列入' ? 'red' : state === '已移出' ? 'green' : 'orange' },
                },
              })
        }
        for (const p of legacy.rows)
          rows.push({
            on: String(p.createdAt ?? '').slice(0, 10),
            row: {
              on: String(p.createdAt ?? '').slice(0, 10),
              matter: p.proposalNo ?? null,
              detail: `${String(p.kind ?? '')}：${String(p.reason ?? '')}`,
              unitName: p.unitName ?? null,
              state: p.state ?? null,
            },
          })
        rows.sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : 0))
        return {
          count: rows.length,
          moreHref: `/credit-listings?entityId=${entity.id}`,
          columns: [
            { key: 'on', title: '日期', kind: 'date' as const },
            { key: 'matter', title: '事项', kind: 'link' as const },
            { key: 'detail', title: '内容', kind: 'text' as const },
            { key: 'unitName', title: '单位', kind: 'text' as const },
            { key: 'state', title: '状态', kind: 'tag' as const },
          ],
          rows: rows.map((r) => r.row),
        }
      },
    }
  }

  return { reports, listings, publicQuery, batchJob, rootUnitId, profileSection }
}
export type CreditLists = ReturnType<typeof createCreditLists>

/** The job queue as the credit routes use it. */
export type BatchQueue = (ctx: Ctx, reportYear: number) => Promise<{ jobId: string; created: boolean }>
