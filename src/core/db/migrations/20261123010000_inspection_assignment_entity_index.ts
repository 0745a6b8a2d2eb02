import type { Kysely } from 'kysely'

/*
 * The draw's assignment record (inspection_draw_assignment) loses its index on entity_id alone.
 *
 * No query reads assignments by entity alone: the record is read per draw, or per draw and target
 * (the primary key draw_id, entity_id, group_no, position), and an inspector's list goes through
 * the user index. The entity index only served the foreign-key check if a register entity were
 * deleted or re-keyed, which the platform never does (entities change status; a check that did
 * happen would scan the table instead, still correct). Writing it was the draw's costliest index:
 * a draw of 178,922 targets inserts 357,844 entries spread over the entries of every earlier
 * draw — ~0.6 s of the ~4.5 s the write transaction takes at 10⁷ entities (BENCHMARKS.md). The
 * append-only triggers, the foreign keys and what verification checks are unchanged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inspection_draw_assignment_entity_idx').ifExists().execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('inspection_draw_assignment_entity_idx').ifNotExists().on('inspection_draw_assignment').column('entity_id').execute()
}
