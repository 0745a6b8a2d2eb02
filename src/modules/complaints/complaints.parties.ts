/**
 * Confidentiality of the persons (保密): who may see the protected compartment in plaintext — the
 * reporter's identity only with the `reporter.view` grant (Order 20 Art 33), other persons the
 * assigned handler or `personal_data.view` — and the audited reveal.
 */
import type { Ctx } from '../../core/actor'
import type { Executor } from '../../core/db/database'
import type { CoreDeps } from '../../core/deps'
import { forbidden } from '../../core/errors'
import type { AuditService } from '../audit'
import type { ItemAccess } from './complaints.access'
import type { ComplaintsRepo, ItemRow } from './complaints.repo'

export function createParties({
  db,
  audit,
  repo,
  access,
}: Pick<CoreDeps, 'db'> & { audit: AuditService; repo: ComplaintsRepo; access: Pick<ItemAccess, 'itemAllowed' | 'loadReadable'> }) {
  async function canRevealParties(exec: Executor, ctx: Ctx, item: ItemRow): Promise<boolean> {
    // Reporter identity: only the reporter.view grant, in scope (Art 33) — never being the assigned
    // handler, and personal_data.view is not enough.
    if (item.type === 'report') return access.itemAllowed(exec, ctx, item, 'reporter.view')
    if (item.handlerId && item.handlerId === ctx.actor.userId) return true
    return access.itemAllowed(exec, ctx, item, 'personal_data.view')
  }

  /** The protected compartment in plaintext: assigned handler or the grant only; every reveal audited. */
  async function revealParties(ctx: Ctx, id: string) {
    const item = await access.loadReadable(db, ctx, id)
    if (!(await canRevealParties(db, ctx, item))) {
      throw forbidden(item.type === 'report' ? '举报人身份信息仅承办人或经授权人员可查看' : '个人信息仅承办人或经授权人员可查看')
    }
    const rows = await repo.partiesOf(db, id)
    await db.transaction().execute((trx) =>
      audit.record(trx, ctx, {
        action: item.type === 'report' ? 'complaint.reporter.reveal' : 'complaint.parties.reveal',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        after: { fields: ['name', 'phone', 'idNo', 'address', 'email'], persons: rows.length },
      }),
    )
    return {
      persons: rows.map((r) => ({
        role: r.role,
        seq: r.seq,
        name: r.name,
        phone: r.phone,
        idType: r.idType,
        idNo: r.idNo,
        address: r.address,
        email: r.email,
        isRepresentative: r.isRepresentative === 1,
        authorization: r.authorization,
      })),
    }
  }

  return { canRevealParties, revealParties }
}
