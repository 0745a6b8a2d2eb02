import { sql, type Kysely } from 'kysely'

/*
 * Backfill of matter_clock from complaint_item's seven due-date columns (accept_due_on …
 * dispute_due_on): one clock row per stored due date, with the start and done dates the 12315
 * clock rules take from the item's facts (complaints.domain.ts `computeClocks`), the rule version
 * in force on the receipt date, the verification extensions and the mediation pauses; the open
 * clocks of a closed or merged item are done on its closing date. The due dates
 * are copied as stored, so every figure read from the clock table equals the one read from the
 * columns before. The columns stay (unused by the application) until the analytics fixtures that
 * load them directly read the clock table; a later migration drops them.
 */
const KINDS: Array<{ kind: string; due: string; rule: string | null; start: string; done: string; extensions?: string }> = [
  {
    kind: 'accept',
    due: 'accept_due_on',
    rule: 'complaint.accept',
    start: 'received_on',
    done: "coalesce(accept_decided_on, case when state = 'merged' then closed_on end)",
  },
  {
    kind: 'mediation',
    due: 'mediation_due_on',
    rule: 'complaint.mediation',
    start: 'coalesce(accept_decided_on, received_on)',
    done: 'coalesce(concluded_on, terminated_on)',
  },
  {
    kind: 'termination_notice',
    due: 'termination_notice_due_on',
    rule: 'complaint.termination_notice',
    start: 'coalesce(terminated_on, received_on)',
    done: 'termination_notified_on',
  },
  {
    kind: 'verify',
    due: 'verify_due_on',
    rule: 'report.verify',
    start: 'received_on',
    done: "coalesce(filing_decided_on, case when state in ('closed', 'merged') then closed_on end)",
    extensions: 'verify_extensions',
  },
  {
    kind: 'reporter_notice',
    due: 'reporter_notify_due_on',
    rule: 'report.notify_filing',
    start: 'coalesce(filing_decided_on, received_on)',
    done: 'reporter_notified_on',
  },
  { kind: 'answer', due: 'answer_due_on', rule: null, start: 'received_on', done: "coalesce(answered_on, case when state = 'merged' then closed_on end)" },
  {
    kind: 'dispute',
    due: 'dispute_due_on',
    rule: 'jurisdiction.dispute',
    start: 'coalesce(dispute_opened_on, received_on)',
    done: "case when state = 'disputed' then null else coalesce(dispute_resolved_on, closed_on, dispute_opened_on) end",
  },
]

export async function up(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString()
  for (const k0 of KINDS) {
    // A final item has no running clock: an open one is done on the closing date (as complaints.clocks.ts stores it).
    const k = { ...k0, done: `coalesce(${k0.done}, case when ci.state in ('closed', 'merged') then ci.closed_on end)` }
    // The rule version in force on the receipt date (latest validFrom wins, as selectRuleInForce).
    const ruleRow = (col: string) =>
      k.rule
        ? `(select r.${col} from deadline_rule r where r.rule_id = '${k.rule}' and r.valid_from <= ci.received_on and (r.valid_to is null or ci.received_on <= r.valid_to) order by r.valid_from desc, r.version desc limit 1)`
        : 'null'
    await sql
      .raw(
        `insert into matter_clock (matter_type, matter_id, kind, rule_id, rule_version_id, rule_valid_from, reference_on, unit, length, start_on, due_on, done_on,
        paused_json, extensions, provisional, missing_years_json, unit_id, created_at, updated_at)
      select 'complaint', ci.id, '${k.kind}', ${k.rule ? `'${k.rule}'` : 'null'}, ${ruleRow('id')}, ${ruleRow('valid_from')}, ci.received_on,
        ${k.rule ? ruleRow('unit') : "'WD'"}, ${ruleRow('length')}, ${k.start}, ci.${k.due}, ${k.done}, '[]', ${k.extensions ?? '0'},
        case when ${k.done} is null then ci.clock_provisional else 0 end, '[]', ci.handling_unit_id, '${now}', '${now}'
      from complaint_item ci where ci.${k.due} is not null`,
      )
      .execute(db)
  }
  // Mediation pauses (期限中止) into the mediation clock's paused intervals.
  // Rows are read through raw SQL with explicit aliases: the application's handle maps result keys.
  const pauses = (
    await sql<{ itemId: string; fromOn: string; toOn: string | null; reason: string }>`select item_id as "itemId", from_on as "fromOn", to_on as "toOn", reason
    from complaint_pause where clock = 'mediation' order by item_id, from_on`.execute(db)
  ).rows
  const byItem = new Map<string, Array<{ from: string; to: string | null; reason: string }>>()
  for (const p of pauses) {
    const list = byItem.get(p.itemId) ?? []
    list.push({ from: p.fromOn, to: p.toOn, reason: p.reason })
    byItem.set(p.itemId, list)
  }
  for (const [itemId, list] of byItem) {
    await db
      .updateTable('matter_clock')
      .set({ paused_json: JSON.stringify(list) })
      .where('matter_type', '=', 'complaint')
      .where('matter_id', '=', itemId)
      .where('kind', '=', 'mediation')
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('matter_clock').where('matter_type', '=', 'complaint').execute()
}
