import { systemCtx, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { AppError, conflict, forbidden, validation } from '../../core/errors'
import type { AuditService } from '../audit'
import type { EntitiesService } from '../entities'
import { ACTION_PERMISSION, FINAL_STATES, STATE_LABEL, type ItemType, type Regime, type State } from './complaints.domain'
import { createComplaintsRepo, type ItemRow } from './complaints.repo'
import type { ComplaintsService } from './complaints.service'

/**
 * Links between an item and what it refers to, changed after intake:
 * - 关联 (`linkOriginal`): a repeated complaint or report whose original is already closed cannot
 *   be merged into it (merging needs an open target); it is linked to the original instead
 *   (`duplicate_of_id`), handled on its own, and both items show the link.
 * - 关联名录主体 (`setRespondent`): the respondent is linked to (or corrected to) a register entity
 *   — portal submissions arrive as free text — and routing (管辖单位) is computed again.
 * Both need the same permission as merging (分送 or 办理 over the handling unit), and are audited.
 */
export function createLinkService({
  db,
  clock,
  audit,
  complaints,
  entities,
}: Pick<CoreDeps, 'db' | 'clock'> & { audit: AuditService; complaints: ComplaintsService; entities: EntitiesService }) {
  const repo = createComplaintsRepo()

  async function assertMayLink(trx: Parameters<ComplaintsService['itemAllowed']>[0], ctx: Ctx, item: ItemRow, what: string) {
    for (const p of ACTION_PERMISSION.merge.perms) if (await complaints.itemAllowed(trx, ctx, item, p, 'handling')) return
    throw forbidden(`没有权限对该诉求件${what}`)
  }

  async function linkOriginal(ctx: Ctx, id: string, input: { originalId: string; expectedVersion: number; note?: string }) {
    await db.transaction().execute(async (trx) => {
      const item = await complaints.loadReadable(trx, ctx, id, true)
      await assertMayLink(trx, ctx, item, '关联原件')
      if (item.state === 'merged') throw new AppError('ILLEGAL_TRANSITION', '已合并的诉求件不能再关联原件')
      if (input.originalId === id) throw validation('不能把诉求件关联到它自己', [{ path: 'originalId', message: '不能关联本件' }])
      const orig = await repo.findById(trx, input.originalId)
      if (!orig || !(await complaints.itemAllowed(trx, ctx, orig, 'complaint.read')))
        throw validation('要关联的原件不存在', [{ path: 'originalId', message: '原件不存在' }])
      if (orig.state === 'merged') throw validation(`诉求件 ${orig.itemNo} 已合并到其他件，请关联合并后的件`, [{ path: 'originalId', message: '原件已合并' }])
      const order = (r: ItemRow) => `${r.receivedAt}|${r.createdAt}|${r.id}`
      if (order(orig) > order(item)) throw validation(`原件须早于本件登记（${orig.itemNo} 登记在后）`, [{ path: 'originalId', message: '原件登记在后' }])
      if (orig.duplicateOfId === item.id) throw validation(`${orig.itemNo} 已关联本件，不能互相关联`, [{ path: 'originalId', message: '不能互相关联' }])
      if (item.duplicateOfId === orig.id) throw conflict(`本件已关联 ${orig.itemNo}`)
      const now = clock.now().toISOString()
      if (!(await repo.update(trx, id, input.expectedVersion, { duplicateOfId: orig.id }, now))) throw conflict('该诉求件已被他人更新，请刷新后重试')
      const day = complaints.today()
      const origState = STATE_LABEL[orig.state as State] ?? orig.state
      await repo.appendEvent(trx, {
        itemId: id,
        at: now,
        eventOn: day,
        kind: 'link',
        unitId: item.handlingUnitId,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        public: 0,
        note: [`关联原件 ${orig.itemNo}（${origState}）：重复诉求，本件单独办理`, input.note].filter(Boolean).join('；'),
        dataJson: JSON.stringify({ originalId: orig.id, originalNo: orig.itemNo }),
      })
      await repo.appendEvent(trx, {
        itemId: orig.id,
        at: now,
        eventOn: day,
        kind: 'link',
        unitId: orig.handlingUnitId,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        public: 0,
        note: `重复诉求 ${item.itemNo} 已关联本件`,
        dataJson: JSON.stringify({ duplicateId: item.id, duplicateNo: item.itemNo }),
      })
      await audit.record(trx, ctx, {
        action: 'complaint.link',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        before: { duplicateOfId: item.duplicateOfId },
        after: { duplicateOfId: orig.id, originalNo: orig.itemNo, originalState: orig.state, note: input.note ?? null },
      })
    })
    return complaints.detail(ctx, id)
  }

  async function setRespondent(ctx: Ctx, id: string, input: { entityId: string; expectedVersion: number; note?: string }) {
    const env = await complaints.clockEnv()
    await db.transaction().execute(async (trx) => {
      const item = await complaints.loadReadable(trx, ctx, id, true)
      await assertMayLink(trx, ctx, item, '关联被投诉（举报）人')
      if ((FINAL_STATES as readonly string[]).includes(item.state))
        throw new AppError('ILLEGAL_TRANSITION', `诉求件${STATE_LABEL[item.state as State]}，不能再更改被投诉（举报）人`)
      if (item.respondentEntityId === input.entityId) throw conflict('被投诉（举报）人已是该经营主体')
      const resp = await complaints.resolveRespondent(ctx, { entityId: input.entityId })
      const routing = complaints.route(env.org, item.type as ItemType, item.regime as Regime, resp, item.intakeUnitId)
      const patch = {
        respondentEntityId: resp.entityId,
        respondentName: resp.name,
        respondentUscc: resp.uscc,
        respondentAddress: resp.address,
        respondentDivision: resp.division ?? resp.domicileDivision,
        respondentKind: resp.kind,
        platformEntityId: resp.platformEntityId,
        platformName: resp.platformName,
        competentUnitId: routing.competent?.bureauId ?? null,
      }
      const now = clock.now().toISOString()
      if (!(await repo.update(trx, id, input.expectedVersion, patch, now))) throw conflict('该诉求件已被他人更新，请刷新后重试')
      const competentName = patch.competentUnitId ? (env.org.byId.get(patch.competentUnitId)?.name ?? patch.competentUnitId) : '未确定'
      const suggested = routing.suggestedUnitId ? (env.org.byId.get(routing.suggestedUnitId)?.name ?? null) : null
      await repo.appendEvent(trx, {
        itemId: id,
        at: now,
        eventOn: complaints.today(),
        kind: 'respondent',
        unitId: item.handlingUnitId,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        public: 0,
        note: [
          `被投诉（举报）人关联名录：${resp.name}${resp.uscc ? `（${resp.uscc}）` : ''}；管辖单位：${competentName}${suggested && suggested !== competentName ? `，建议分送 ${suggested}` : ''}`,
          input.note,
        ]
          .filter(Boolean)
          .join('；'),
        dataJson: JSON.stringify({
          entityId: resp.entityId,
          competentUnitId: patch.competentUnitId,
          suggestedUnitId: routing.suggestedUnitId,
          basis: routing.competent?.basis ?? null,
        }),
      })
      await audit.record(trx, ctx, {
        action: 'complaint.respondent.link',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        before: {
          respondentEntityId: item.respondentEntityId,
          respondentName: item.respondentName,
          respondentUscc: item.respondentUscc,
          competentUnitId: item.competentUnitId,
        },
        after: {
          respondentEntityId: patch.respondentEntityId,
          respondentName: patch.respondentName,
          respondentUscc: patch.respondentUscc,
          competentUnitId: patch.competentUnitId,
          note: input.note ?? null,
        },
      })
    })
    return complaints.detail(ctx, id)
  }

  /**
   * The public form's respondent suggestions (name or USCC): the register's public fields only —
   * id, name, code, business address — as on the national enterprise credit publicity system;
   * no tags, stations or open items. The id goes back with the submission (`respondentEntityId`).
   */
  async function publicRespondents(q: string) {
    const code = q.trim().toUpperCase()
    const byCode = /^[0-9A-Z]{15,18}$/.test(code)
    const found = await entities.search(
      systemCtx('portal'),
      byCode ? { uscc: code, page: 1, pageSize: 8, nameMode: 'contains' } : { name: q.trim(), page: 1, pageSize: 8, nameMode: 'contains' },
    )
    return { items: found.items.map((e) => ({ entityId: e.id, name: e.name, uscc: e.uscc, address: e.businessAddress ?? e.domicile ?? null })) }
  }

  return { linkOriginal, setRespondent, publicRespondents }
}
export type LinkService = ReturnType<typeof createLinkService>
