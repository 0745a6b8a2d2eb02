import { assertCan, can, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor } from '../../core/db/database'
import { conflict, forbidden, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { AuditService } from '../audit'
import { createAnswersRepo } from './answers.repo'
import type { AnswerInput, AnswerOut, AnswerUpdate } from './answers.schema'
import { SEED_ANSWERS } from './answers.seed'
import type { ComplaintAnswerTable } from './answers.tables'
import { CATEGORIES } from './complaints.domain'
import './answers.tables'

/** Splits what an operator typed into search terms (Chinese phrases are kept whole). */
export function searchTerms(q: string | undefined): string[] {
  return [
    ...new Set(
      (q ?? '')
        .split(/[\s,，、;；]+/)
        .map((t) => t.trim())
        .filter((t) => t.length > 0),
    ),
  ].slice(0, 5)
}

const present = (r: ComplaintAnswerTable): AnswerOut => ({
  id: r.id,
  title: r.title,
  category: r.category,
  categoryLabel: r.category ? (CATEGORIES[r.category as keyof typeof CATEGORIES] ?? r.category) : null,
  keywords: r.keywords,
  answer: r.answer,
  legalBasis: r.legalBasis,
  active: r.active === 1,
  usedCount: Number(r.usedCount),
  version: r.version,
  updatedAt: r.updatedAt,
})

/**
 * The knowledge base of standard answers (常用语) for consultations: searched by whoever registers
 * or answers items, maintained by holders of `complaint.knowledge`; every change audited.
 */
export function createAnswersService({ db, dialect, clock, audit }: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { audit: AuditService }) {
  const repo = createAnswersRepo(dialect)

  const mayRead = (ctx: Ctx) => can(ctx.actor, 'complaint.intake') || can(ctx.actor, 'complaint.handle') || can(ctx.actor, 'complaint.knowledge')

  async function search(ctx: Ctx, q: { q?: string; category?: string; all?: '0' | '1' }) {
    if (!mayRead(ctx)) throw forbidden()
    const includeInactive = q.all === '1'
    if (includeInactive) assertCan(ctx.actor, 'complaint.knowledge')
    const rows = await repo.search(db, { terms: searchTerms(q.q), category: q.category, includeInactive, limit: includeInactive ? 500 : 20 })
    return { items: rows.map(present) }
  }

  async function get(ctx: Ctx, id: string) {
    if (!mayRead(ctx)) throw forbidden()
    const r = await repo.byId(db, id)
    if (!r || (r.active !== 1 && !can(ctx.actor, 'complaint.knowledge'))) throw notFound('常用语', id)
    return present(r)
  }

  async function create(ctx: Ctx, input: AnswerInput) {
    assertCan(ctx.actor, 'complaint.knowledge')
    const id = newId()
    const now = clock.now().toISOString()
    await db.transaction().execute(async (trx) => {
      if (await repo.byTitle(trx, input.title)) throw conflict(`已有标题为“${input.title}”的常用语`)
      const row = {
        id,
        ...input,
        active: 1,
        usedCount: 0,
        version: 1,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedBy: ctx.actor.userId,
        updatedAt: now,
      }
      await repo.insert(trx, row)
      await audit.record(trx, ctx, { action: 'complaint.answer.create', targetType: 'complaint_answer', targetId: id, targetLabel: input.title, after: input })
    })
    return present((await repo.byId(db, id))!)
  }

  async function update(ctx: Ctx, id: string, input: AnswerUpdate) {
    assertCan(ctx.actor, 'complaint.knowledge')
    const { expectedVersion, active, ...fields } = input
    await db.transaction().execute(async (trx) => {
      const before = await repo.byId(trx, id)
      if (!before) throw notFound('常用语', id)
      const same = await repo.byTitle(trx, fields.title)
      if (same && same.id !== id) throw conflict(`已有标题为“${fields.title}”的常用语`)
      const ok = await repo.update(trx, id, expectedVersion, {
        ...fields,
        active: active ? 1 : 0,
        updatedBy: ctx.actor.userId,
        updatedAt: clock.now().toISOString(),
      })
      if (!ok) throw conflict('该常用语已被他人修改，请刷新后重试')
      await audit.record(trx, ctx, {
        action: active ? 'complaint.answer.update' : 'complaint.answer.deactivate',
        targetType: 'complaint_answer',
        targetId: id,
        targetLabel: fields.title,
        before: present(before),
        after: { ...fields, active },
      })
    })
    return present((await repo.byId(db, id))!)
  }

  /** An answer quoted by a consultation: must exist and be active; counts the use (inside the intake's transaction). */
  async function use(exec: Executor, id: string) {
    const r = await repo.byId(exec, id)
    if (!r || r.active !== 1) throw validation('所选常用语不存在或已停用', [{ path: 'answerId', message: '常用语无效' }])
    await repo.countUse(exec, id)
    return r
  }

  /** Loads the starting set once (demo and first start); titles already present are left alone. */
  async function seed(ctx: Ctx) {
    let n = 0
    await db.transaction().execute(async (trx) => {
      const now = clock.now().toISOString()
      for (const a of SEED_ANSWERS) {
        if (await repo.byTitle(trx, a.title)) continue
        const id = newId()
        await repo.insert(trx, { id, ...a, active: 1, usedCount: 0, version: 1, createdBy: null, createdAt: now, updatedBy: null, updatedAt: now })
        n++
      }
      if (n)
        await audit.record(trx, ctx, {
          action: 'complaint.answer.seed',
          targetType: 'complaint_answer',
          targetLabel: `载入 ${n} 条常用语`,
          after: { titles: SEED_ANSWERS.map((a) => a.title) },
        })
    })
    return n
  }

  return { search, get, create, update, use, seed }
}
export type AnswersService = ReturnType<typeof createAnswersService>
