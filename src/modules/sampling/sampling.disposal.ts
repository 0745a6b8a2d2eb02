/**
 * The non-conforming path after the report: service on the operator (the case lead created through
 * the enforcement module, an assistance request when the producer is outside the region), and the
 * disposal (stop sale, recall, rectification) with its verification.
 */
import { newId } from '../../core/ids'
import { categoryLabel } from '../../shared/sampling/catalogue'
import type { EnforcementService } from '../enforcement'
import type { SampleEffect, SampleEffects, SamplingKit } from './sampling.kit'

export function createSamplingDisposal({ kit, enforcement }: { kit: SamplingKit; enforcement: Pick<EnforcementService, 'createLead'> }) {
  const { clock, notBefore } = kit

  const disposalStep =
    (verify: boolean): SampleEffect =>
    async (trx, row, input, eventDate, ctx) => {
      notBefore(eventDate, row.servedOn, '处置日期', '送达日期')
      await trx
        .insertInto('samplingDisposal')
        .values({
          id: newId(),
          sampleId: row.id,
          step: verify ? 'verification' : String(input.step),
          doneOn: eventDate,
          note: input.note ?? null,
          createdBy: ctx.actor.userId,
          createdAt: clock.now().toISOString(),
        })
        .execute()
      return verify ? { disposalDoneOn: eventDate } : {}
    }
  const effects: SampleEffects = {
    serve: async (trx, row, input, eventDate, ctx) => {
      notBefore(eventDate, row.issuedOn, '送达日期', '报告日期')
      const lead = await enforcement.createLead(trx, ctx, {
        source: 'sampling',
        sourceId: row.id,
        sourceNo: row.sampleNo,
        unitId: row.unitId,
        entityId: row.entityId,
        entityName: row.entityName,
        uscc: null,
        summary: `抽检不合格：${row.productName ?? ''}（${categoryLabel(row.categoryCode)}），检验报告 ${row.reportNo ?? ''}，标称生产者 ${row.producerName ?? '—'}`,
        foundOn: eventDate,
      })
      if (row.producerOutside === 1 && row.producerName)
        await trx
          .insertInto('samplingAssist')
          .values({
            id: newId(),
            sampleId: row.id,
            producerName: row.producerName,
            producerDivision: row.producerDivision,
            toAuthority: `标称生产者所在地（${row.producerDivision ?? '区划不详'}）市场监督管理部门`,
            state: 'sent',
            requestedOn: eventDate,
            createdAt: clock.now().toISOString(),
          })
          .execute()
      return { servedOn: eventDate, leadId: lead.id }
    },
    start_disposal: async () => ({}),
    record_disposal: disposalStep(false),
    verify_disposal: disposalStep(true),
  }
  return { effects }
}
