/**
 * The re-test (复检): the operator's application within the clock (its commitment published at
 * once), the re-test laboratory drawn with the double-random engine from qualified laboratories
 * other than the first, and the public verification that re-runs the draw.
 */
import { randomBytes } from 'node:crypto'
import type { Executor } from '../../core/db/database'
import { notFound, validation } from '../../core/errors'
import { canonicalPool } from '../inspections'
import { assertRetestInTime, drawRetestLab, retestCommitment, retestPool, verifyRetestDraw } from './sampling.domain'
import { SAMPLE_MATTER, type SampleEffects, type SamplingKit } from './sampling.kit'

export function createSamplingRetest({ kit }: { kit: SamplingKit }) {
  const { db, clock, clocks, notBefore } = kit

  const effects: SampleEffects = {
    request_retest: async (trx, row, input, eventDate) => {
      notBefore(eventDate, row.servedOn, '复检申请日期', '送达日期')
      const c = (await clocks.list(trx, SAMPLE_MATTER, row.id)).find((k) => k.kind === 'retest_request')
      assertRetestInTime(eventDate, c?.dueOn ?? null)
      const secret = randomBytes(32).toString('hex')
      await trx.deleteFrom('samplingRetestDraw').where('sampleId', '=', row.id).execute()
      await trx
        .insertInto('samplingRetestDraw')
        .values({
          sampleId: row.id,
          algorithm: 'jg-draw/1',
          commitment: retestCommitment(secret),
          secret,
          committedAt: clock.now().toISOString(),
          drawTimeValue: null,
          poolJson: null,
          poolHash: null,
          paramsJson: null,
          paramsHash: null,
          seedHex: null,
          drawnLabId: null,
          drawnAt: null,
        })
        .execute()
      return { retestAppliedOn: eventDate }
    },
    draw_retest_lab: async (trx, row, input, eventDate) => {
      const d = await trx.selectFrom('samplingRetestDraw').selectAll().where('sampleId', '=', row.id).executeTakeFirst()
      if (!d) throw validation('尚未登记复检申请（没有公布的承诺值），不能抽取复检机构')
      const labs = await trx
        .selectFrom('samplingLab')
        .select(['id', 'name', 'checkTypes'])
        .where('retestQualified', '=', 1)
        .where('qualifiedFrom', '<=', eventDate)
        .where('qualifiedTo', '>=', eventDate)
        .execute()
      const pool = retestPool(
        labs.filter((l) => l.checkTypes.split(',').includes(row.checkType)),
        row.labId,
      )
      const r = drawRetestLab({ sampleId: row.id, secret: d.secret, commitment: d.commitment, drawTimeValue: String(input.drawTimeValue), pool })
      const names = new Map(labs.map((l) => [l.id, l.name]))
      await trx
        .updateTable('samplingRetestDraw')
        .set({
          drawTimeValue: r.drawTimeValue,
          poolJson: JSON.stringify(pool.map((m) => ({ labId: m.entityId, labName: names.get(m.entityId) ?? '' }))),
          poolHash: r.poolHash,
          paramsJson: JSON.stringify({ strata: [{ stratum: 'retest_lab', ratio: 0, min: 1, max: 1 }] }),
          paramsHash: r.paramsHash,
          seedHex: r.seedHex,
          drawnLabId: r.drawnLabId,
          drawnAt: clock.now().toISOString(),
        })
        .where('sampleId', '=', row.id)
        .execute()
      return { retestLabId: r.drawnLabId }
    },
  }

  /** The re-test draw as the public sees it: the commitment at once, the secret and the rest once drawn. */
  async function publicDraw(exec: Executor, sampleId: string) {
    const d = await exec
      .selectFrom('samplingRetestDraw')
      .leftJoin('samplingLab', 'samplingLab.id', 'samplingRetestDraw.drawnLabId')
      .selectAll('samplingRetestDraw')
      .select('samplingLab.name as drawnLabName')
      .where('sampleId', '=', sampleId)
      .executeTakeFirst()
    if (!d) return null
    const drawn = !!d.drawnLabId
    return {
      algorithm: d.algorithm,
      commitment: d.commitment,
      committedAt: d.committedAt,
      drawn,
      secret: drawn ? d.secret : null,
      drawTimeValue: d.drawTimeValue,
      pool: d.poolJson ? (JSON.parse(d.poolJson) as Array<{ labId: string; labName: string }>) : null,
      poolHash: d.poolHash,
      paramsHash: d.paramsHash,
      seedHex: d.seedHex,
      drawnLabId: d.drawnLabId,
      drawnLabName: d.drawnLabName ?? null,
      drawnAt: d.drawnAt,
    }
  }

  /** Public verification of a re-test draw by sample number: re-runs it from the published values. */
  async function verifyPublic(sampleNo: string) {
    const s = await db.selectFrom('samplingSample').select(['id', 'sampleNo']).where('sampleNo', '=', sampleNo).executeTakeFirst()
    const d = s ? await publicDraw(db, s.id) : null
    if (!s || !d) throw notFound('复检机构抽取记录', sampleNo)
    if (!d.drawn) return { ...d, sampleNo: s.sampleNo, ok: null, problems: ['尚未抽取：已公布承诺值，抽取后公开承诺密钥供核验'] }
    const v = verifyRetestDraw({
      algorithm: d.algorithm,
      sampleId: s.id,
      commitment: d.commitment,
      secret: d.secret!,
      drawTimeValue: d.drawTimeValue!,
      pool: canonicalPool(d.pool!.map((p) => ({ entityId: p.labId, stratum: 'retest_lab', stationUnitId: null }))),
      poolHash: d.poolHash!,
      paramsHash: d.paramsHash ?? undefined,
      seedHex: d.seedHex!,
      drawnLabId: d.drawnLabId!,
    })
    return { ...d, sampleNo: s.sampleNo, ok: v.ok, problems: v.problems }
  }

  return { effects, publicDraw, verifyPublic }
}
export type SamplingRetest = ReturnType<typeof createSamplingRetest>
