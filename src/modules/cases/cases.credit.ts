/**
 * What the credit module reads of the case file (through this module's index, never its tables):
 * a decided case for the serious-violation list's Order 44 test, an entity's penalty history for
 * credit repair (performed, repeated) and risk signals, and the publicity records on display. Plain
 * reads; scope checks are the caller's (the credit module checks its own permission over the
 * case's unit).
 */
import type { Executor } from '../../core/db/database'

export interface CaseDecisionRead {
  id: string
  caseNo: string
  unitId: string
  entityId: string | null
  partyKind: string
  partyName: string
  caseType: string
  penaltyType: string | null
  fineFen: number
  gainsFen: number
  decisionNo: string | null
  decidedOn: string | null
  decisionBasis: string | null
  state: string
  closureReason: string | null
}

export interface EntityPenaltyRead {
  caseId: string
  caseNo: string
  caseType: string
  penaltyType: string | null
  fineFen: number
  decidedOn: string
  decisionNo: string | null
  /** The penalty is performed: the case closed as performed, or every fine and gain paid. */
  performed: boolean
}

export interface PublicityRead {
  id: string
  caseId: string
  unitId: string
  decisionNo: string
  partyUscc: string | null
  caseType: string
  penaltyType: string
  penaltyContent: string
  /** short (3 months) | long (3 years) | restriction */
  displayKind: string
  authority: string
  decidedOn: string
  state: string
  publishedOn: string | null
  displayEndOn: string | null
  stoppedOn: string | null
}

export function createCaseCreditReads() {
  async function decision(exec: Executor, caseId: string): Promise<CaseDecisionRead | null> {
    const r = await exec
      .selectFrom('caseFile')
      .select([
        'id',
        'caseNo',
        'unitId',
        'entityId',
        'partyKind',
        'partyName',
        'caseType',
        'penaltyType',
        'fineFen',
        'gainsFen',
        'decisionNo',
        'decidedOn',
        'decisionBasis',
        'state',
        'closureReason',
      ])
      .where('id', '=', caseId)
      .executeTakeFirst()
    return r ? { ...r, fineFen: Number(r.fineFen), gainsFen: Number(r.gainsFen) } : null
  }

  /** Every decided penalty of the entity, newest first, with whether it has been performed. */
  async function penaltiesOf(exec: Executor, entityId: string): Promise<EntityPenaltyRead[]> {
    const rows = await exec
      .selectFrom('caseFile as c')
      .select([
        'c.id',
        'c.caseNo',
        'c.caseType',
        'c.penaltyType',
        'c.fineFen',
        'c.gainsFen',
        'c.decidedOn',
        'c.decisionNo',
        'c.state',
        'c.closureReason',
        (eb) =>
          eb
            .selectFrom('casePayment as p')
            .select((e) => e.fn.coalesce(e.fn.sum<number>('p.amountFen'), e.lit(0)).as('paid'))
            .whereRef('p.caseId', '=', 'c.id')
            .as('paid'),
      ])
      .where('c.entityId', '=', entityId)
      .where('c.decidedOn', 'is not', null)
      .orderBy('c.decidedOn', 'desc')
      .limit(500)
      .execute()
    return rows.map((r) => ({
      caseId: r.id,
      caseNo: r.caseNo,
      caseType: r.caseType,
      penaltyType: r.penaltyType,
      fineFen: Number(r.fineFen),
      decidedOn: r.decidedOn!,
      decisionNo: r.decisionNo,
      performed:
        (r.state === 'closed' && r.closureReason === 'performed') ||
        (Number(r.fineFen) + Number(r.gainsFen) > 0 && Number(r.paid ?? 0) >= Number(r.fineFen) + Number(r.gainsFen)),
    }))
  }

  const publicityColumns = [
    'id',
    'caseId',
    'unitId',
    'decisionNo',
    'partyUscc',
    'caseType',
    'penaltyType',
    'penaltyContent',
    'displayKind',
    'authority',
    'decidedOn',
    'state',
    'publishedOn',
    'displayEndOn',
    'stoppedOn',
  ] as const

  async function publicity(exec: Executor, id: string): Promise<PublicityRead | null> {
    return (await exec.selectFrom('casePublicity').select(publicityColumns).where('id', '=', id).executeTakeFirst()) ?? null
  }

  /** The entity's penalty publicity records (by the case's entity), newest first. */
  async function publicityOf(exec: Executor, entityId: string): Promise<PublicityRead[]> {
    return exec
      .selectFrom('casePublicity')
      .select(publicityColumns.map((c) => `casePublicity.${c}` as const))
      .innerJoin('caseFile', 'caseFile.id', 'casePublicity.caseId')
      .where('caseFile.entityId', '=', entityId)
      .orderBy('casePublicity.decidedOn', 'desc')
      .limit(200)
      .execute()
  }

  return { decision, penaltiesOf, publicity, publicityOf }
}
export type CaseCreditReads = ReturnType<typeof createCaseCreditReads>
