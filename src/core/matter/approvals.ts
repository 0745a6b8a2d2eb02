/**
 * Approvals of supervised matters (审批): a handler proposes an action on a matter (立案, 不予立案,
 * 移送, 延期, 结案…), a holder of the kind's approve permission over the matter's unit decides it in
 * the approval inbox (审批待办). Approving runs the kind's `approve` in the decision's transaction
 * (the module takes the action there, e.g. the lead's 立案 and the case's opening); rejecting runs
 * its `reject`, if any. One pending request per matter and kind; every request and decision is
 * audited; a stale `version` is 409; another district's request is 404.
 *
 * Core knows no module: kinds are registered by the modules that own the matters, with the
 * permission that decides them, so credit (two-step review) and others can use the same inbox.
 */
import { sql, type Selectable } from 'kysely'
import { scopeFor, unitPathInScope, inScope, type Ctx } from '../actor'
import type { Clock } from '../clock'
import type { Db, Executor, Trx } from '../db/database'
import { AppError, conflict, forbidden, notFound, validation } from '../errors'
import { newId } from '../ids'
import { offsetOf } from '../pagination'
import type { MatterApprovalTable } from './approvals.tables'
import type { AuditPort } from './ports'
import './approvals.tables'

export type ApprovalRow = Selectable<MatterApprovalTable>
export type ApprovalState = 'pending' | 'approved' | 'rejected' | 'withdrawn'
export const APPROVAL_STATE_LABEL: Record<ApprovalState, string> = { pending: '待审批', approved: '已批准', rejected: '不予批准', withdrawn: '已撤回' }

/** A kind of approval, registered by the module that owns the matter. */
export interface ApprovalKind {
  /** e.g. 'lead.file'. */
  kind: string
  /** zh-CN, e.g. '立案审批'. */
  label: string
  matterType: string
  /** The permission whose holder decides (scope over the request's unit). */
  permission: string
  /** Loads what `approve` needs ahead of the transaction (rule catalogue, clocks: SQLite holds one connection). */
  prepare?(req: ApprovalRow): Promise<unknown>
  /** Runs in the decision's transaction when approved: the module takes the proposed action. */
  approve(trx: Trx, ctx: Ctx, req: ApprovalRow, payload: unknown, note: string | null, prepared: unknown): Promise<void>
  /** Runs in the decision's transaction when rejected (e.g. a note on the matter's timeline). */
  reject?(trx: Trx, ctx: Ctx, req: ApprovalRow, note: string | null): Promise<void>
}

export interface ApprovalRequest {
  kind: string
  matterId: string
  unitId: string
  matterLabel: string
  title: string
  link: string
  payload: unknown
  reason: string
}

export interface ApprovalView {
  id: string
  kind: string
  kindLabel: string
  matterType: string
  matterId: string
  matterLabel: string
  title: string
  link: string
  reason: string
  unitId: string
  unitName: string | null
  state: ApprovalState
  stateLabel: string
  proposedByName: string | null
  proposedAt: string
  decidedByName: string | null
  decidedAt: string | null
  decisionNote: string | null
  version: number
  /** Whether the current actor may decide it now. */
  mayDecide: boolean
}

export const APPROVAL_NOTE_MAX = 2000

export function createApprovals({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditPort }) {
  const kinds = new Map<string, ApprovalKind>()

  const kindOf = (k: string) => {
    const d = kinds.get(k)
    if (!d) throw new AppError('INTERNAL', `未登记的审批种类：${k}`)
    return d
  }

  function register(def: ApprovalKind) {
    kinds.set(def.kind, def)
  }

  /**
   * Files a request in `trx` (the caller holds the matter's row lock and has checked the matter).
   * @throws CONFLICT when a request of the kind is already pending for the matter.
   */
  async function request(trx: Trx, ctx: Ctx, r: ApprovalRequest): Promise<ApprovalRow> {
    const def = kindOf(r.kind)
    const open = await trx
      .selectFrom('matterApproval')
      .select('id')
      .where('matterType', '=', def.matterType)
      .where('matterId', '=', r.matterId)
      .where('state', '=', 'pending')
      .executeTakeFirst()
    if (open) throw conflict('该事项已有待审批的申请，请等待负责人审批或撤回后再提交')
    const row: ApprovalRow = {
      id: newId(),
      matterType: def.matterType,
      matterId: r.matterId,
      kind: r.kind,
      unitId: r.unitId,
      matterLabel: r.matterLabel,
      title: r.title,
      link: r.link,
      payloadJson: JSON.stringify(r.payload ?? {}),
      reason: r.reason,
      state: 'pending',
      proposedBy: ctx.actor.userId,
      proposedByName: ctx.actor.displayName,
      proposedAt: clock.now().toISOString(),
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      decisionNote: null,
      version: 1,
    }
    await trx.insertInto('matterApproval').values(row).execute()
    await audit.record(trx, ctx, {
      action: 'approval.request',
      targetType: def.matterType,
      targetId: r.matterId,
      targetLabel: `${r.matterLabel} ${def.label}`,
      unitId: r.unitId,
      after: { approvalId: row.id, kind: r.kind, reason: r.reason, payload: r.payload },
    })
    return row
  }

  async function loadWithPath(exec: Executor, id: string) {
    return exec
      .selectFrom('matterApproval')
      .innerJoin('orgUnit', 'orgUnit.id', 'matterApproval.unitId')
      .selectAll('matterApproval')
      .select(['orgUnit.path as unitPath', 'orgUnit.name as unitName'])
      .where('matterApproval.id', '=', id)
      .executeTakeFirst()
  }

  const mayDecide = (ctx: Ctx, r: { kind: string; unitId: string; unitPath: string }) => {
    const def = kinds.get(r.kind)
    const scope = def && scopeFor(ctx.actor, def.permission)
    return !!scope && unitPathInScope(scope, r.unitId, r.unitPath)
  }
  /** The proposer sees their own requests; a decider those in scope; nobody else (404). */
  const mayRead = (ctx: Ctx, r: { kind: string; unitId: string; unitPath: string; proposedBy: string | null }) =>
    mayDecide(ctx, r) || (!!ctx.actor.userId && r.proposedBy === ctx.actor.userId)

  function view(ctx: Ctx, r: ApprovalRow & { unitPath: string; unitName: string | null }): ApprovalView {
    const def = kinds.get(r.kind)
    return {
      id: r.id,
      kind: r.kind,
      kindLabel: def?.label ?? r.kind,
      matterType: r.matterType,
      matterId: r.matterId,
      matterLabel: r.matterLabel,
      title: r.title,
      link: r.link,
      reason: r.reason,
      unitId: r.unitId,
      unitName: r.unitName,
      state: r.state as ApprovalState,
      stateLabel: APPROVAL_STATE_LABEL[r.state as ApprovalState] ?? r.state,
      proposedByName: r.proposedByName,
      proposedAt: r.proposedAt,
      decidedByName: r.decidedByName,
      decidedAt: r.decidedAt,
      decisionNote: r.decisionNote,
      version: Number(r.version),
      mayDecide: r.state === 'pending' && mayDecide(ctx, r),
    }
  }

  async function get(ctx: Ctx, id: string): Promise<ApprovalView> {
    const r = await loadWithPath(db, id)
    if (!r || !mayRead(ctx, r)) throw notFound('审批申请', id)
    return view(ctx, r)
  }

  /**
   * Decides a pending request: approve runs the kind's `approve` (the proposed action) in the same
   * transaction, reject its `reject`. 404 outside the reader's reach, 403 for a reader who may not
   * decide (the proposer), 409 when stale or already decided.
   */
  async function decide(ctx: Ctx, id: string, body: { decision: 'approve' | 'reject'; note?: string; version: number }): Promise<ApprovalView> {
    const note = body.note?.trim() || null
    if (body.decision === 'reject' && !note) throw validation('不予批准的，须写明理由')
    const pre = await loadWithPath(db, id)
    const def0 = pre && kinds.get(pre.kind)
    const prepared = pre && def0?.prepare && body.decision === 'approve' && mayDecide(ctx, pre) ? await def0.prepare(pre) : undefined
    await db.transaction().execute(async (trx) => {
      const r = await loadWithPath(trx, id)
      if (!r || !mayRead(ctx, r)) throw notFound('审批申请', id)
      if (!mayDecide(ctx, r)) throw forbidden('您不能审批该申请（须由负责人审批，申请人不能审批自己的申请）')
      if (r.proposedBy && r.proposedBy === ctx.actor.userId) throw forbidden('申请人不能审批自己的申请')
      if (r.state !== 'pending') throw new AppError('ILLEGAL_TRANSITION', `该申请${APPROVAL_STATE_LABEL[r.state as ApprovalState] ?? r.state}，不能再审批`)
      if (Number(r.version) !== body.version) throw conflict('该申请已被他人处理，请刷新后重试')
      const def = kindOf(r.kind)
      const state: ApprovalState = body.decision === 'approve' ? 'approved' : 'rejected'
      const now = clock.now().toISOString()
      const res = await trx
        .updateTable('matterApproval')
        .set({ state, decidedBy: ctx.actor.userId, decidedByName: ctx.actor.displayName, decidedAt: now, decisionNote: note, version: Number(r.version) + 1 })
        .where('id', '=', id)
        .where('version', '=', r.version)
        .where('state', '=', 'pending')
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw conflict('该申请已被他人处理，请刷新后重试')
      await audit.record(trx, ctx, {
        action: state === 'approved' ? 'approval.approve' : 'approval.reject',
        targetType: r.matterType,
        targetId: r.matterId,
        targetLabel: `${r.matterLabel} ${def.label}`,
        unitId: r.unitId,
        before: { approvalId: id, state: r.state },
        after: { approvalId: id, state, note },
      })
      const { unitPath: _p, unitName: _n, ...row } = r
      if (state === 'approved') await def.approve(trx, ctx, row, JSON.parse(r.payloadJson) as unknown, note, prepared)
      else await def.reject?.(trx, ctx, row, note)
    })
    return get(ctx, id)
  }

  /** Withdraws one's own pending request (the proposer). */
  async function withdraw(ctx: Ctx, id: string, version: number): Promise<ApprovalView> {
    await db.transaction().execute(async (trx) => {
      const r = await loadWithPath(trx, id)
      if (!r || !mayRead(ctx, r)) throw notFound('审批申请', id)
      if (r.proposedBy !== ctx.actor.userId) throw forbidden('只有申请人可以撤回申请')
      if (r.state !== 'pending') throw new AppError('ILLEGAL_TRANSITION', '该申请已审批，不能撤回')
      if (Number(r.version) !== version) throw conflict('该申请已被他人处理，请刷新后重试')
      await trx
        .updateTable('matterApproval')
        .set({ state: 'withdrawn', version: Number(r.version) + 1, decidedAt: clock.now().toISOString() })
        .where('id', '=', id)
        .execute()
      await audit.record(trx, ctx, {
        action: 'approval.withdraw',
        targetType: r.matterType,
        targetId: r.matterId,
        targetLabel: `${r.matterLabel} ${kindOf(r.kind).label}`,
        unitId: r.unitId,
      })
    })
    return get(ctx, id)
  }

  /** Requests the actor may decide (in the scope of each kind's permission), or proposed by the actor (`mine`). */
  function visible(exec: Executor, ctx: Ctx, q: { mine?: boolean }) {
    const byPerm = new Map<string, string[]>()
    for (const d of kinds.values()) byPerm.set(d.permission, [...(byPerm.get(d.permission) ?? []), d.kind])
    return exec
      .selectFrom('matterApproval')
      .innerJoin('orgUnit', 'orgUnit.id', 'matterApproval.unitId')
      .selectAll('matterApproval')
      .select(['orgUnit.path as unitPath', 'orgUnit.name as unitName'])
      .where((eb) => {
        if (q.mine) return eb('matterApproval.proposedBy', '=', ctx.actor.userId ?? '')
        const ors = []
        for (const [perm, ks] of byPerm) {
          const scope = scopeFor(ctx.actor, perm)
          if (scope) ors.push(eb.and([eb('matterApproval.kind', 'in', ks), inScope(eb, scope, ctx.actor, 'matter_approval.unit_id')]))
        }
        return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`
      })
  }

  /** The approval inbox (审批待办): pending by default, oldest first. */
  async function inbox(ctx: Ctx, q: { state?: ApprovalState | 'all'; kind?: string; mine?: boolean; page: number; pageSize: number }) {
    if (!q.mine && ![...kinds.values()].some((d) => scopeFor(ctx.actor, d.permission))) throw forbidden('您没有审批权限（可查看本人提交的申请）')
    let b = visible(db, ctx, q)
    const state = q.state ?? 'pending'
    if (state !== 'all') b = b.where('matterApproval.state', '=', state)
    if (q.kind) b = b.where('matterApproval.kind', '=', q.kind)
    const [rows, n] = await Promise.all([
      b
        .orderBy('matterApproval.proposedAt', state === 'pending' ? 'asc' : 'desc')
        .orderBy('matterApproval.id', state === 'pending' ? 'asc' : 'desc')
        .limit(q.pageSize)
        .offset(offsetOf(q))
        .execute(),
      b
        .clearSelect()
        .select(sql<number | string>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ])
    return { items: rows.map((r) => view(ctx, r)), total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  /** The requests of one matter, newest first (for its detail page). */
  async function ofMatter(exec: Executor, ctx: Ctx, matterType: string, matterId: string): Promise<ApprovalView[]> {
    const rows = await exec
      .selectFrom('matterApproval')
      .innerJoin('orgUnit', 'orgUnit.id', 'matterApproval.unitId')
      .selectAll('matterApproval')
      .select(['orgUnit.path as unitPath', 'orgUnit.name as unitName'])
      .where('matterType', '=', matterType)
      .where('matterId', '=', matterId)
      .orderBy('proposedAt', 'desc')
      .execute()
    return rows.map((r) => view(ctx, r))
  }

  /** The kinds registered (for the inbox's filter). */
  const kindList = () => [...kinds.values()].map((k) => ({ kind: k.kind, label: k.label, matterType: k.matterType }))

  return { register, request, get, decide, withdraw, inbox, ofMatter, kindList, visible }
}
export type Approvals = ReturnType<typeof createApprovals>
