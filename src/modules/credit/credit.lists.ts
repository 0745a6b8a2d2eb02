import { z } from 'zod'
import type { Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { JobHandler } from '../../core/jobs'
import type { ClockKernel } from '../../core/matter/clocks'
import type { AuditService } from '../audit'
import { createAnnualReportService } from './annual-report.service'
import { createCreditPublic, type PublicRules } from './credit.public'
import { createListingService } from './listing.service'

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
      const total = Number((await deps.db.selectFrom('marketEntity').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
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

  return { reports, listings, publicQuery, batchJob, rootUnitId }
}
export type CreditLists = ReturnType<typeof createCreditLists>

/** The job queue as the credit routes use it. */
export type BatchQueue = (ctx: Ctx, reportYear: number) => Promise<{ jobId: string; created: boolean }>
