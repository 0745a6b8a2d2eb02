import type { Insertable, Selectable } from 'kysely'
import type { Executor } from '../../core/db/database'
import type { DocumentTable } from './documents.tables'

export type DocumentRow = Selectable<DocumentTable>
/** Every column but the content: what lists and metadata read. */
export const META_COLUMNS = [
  'id',
  'matterType',
  'matterId',
  'kind',
  'title',
  'docNo',
  'issuingUnitId',
  'issuingUnitName',
  'year',
  'serial',
  'issueDate',
  'regime',
  'templateVersion',
  'legalBasis',
  'sha256',
  'issuedBy',
  'issuedByName',
  'issuedAt',
  'voidedAt',
  'voidedBy',
  'voidReason',
] as const
export type DocumentMetaRow = Pick<DocumentRow, (typeof META_COLUMNS)[number]>

/** Every query of the document archive. */
export function createDocumentsRepo() {
  return {
    insert(db: Executor, row: Insertable<DocumentTable>) {
      return db.insertInto('document').values(row).execute()
    },
    findById(db: Executor, id: string) {
      return db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst()
    },
    findMeta(db: Executor, id: string) {
      return db
        .selectFrom('document')
        .select([...META_COLUMNS])
        .where('id', '=', id)
        .executeTakeFirst()
    },
    /** The valid (not voided) copy of a kind for a matter, if one was issued. */
    findIssued(db: Executor, matterType: string, matterId: string, kind: string) {
      return db
        .selectFrom('document')
        .select([...META_COLUMNS])
        .where('matterType', '=', matterType)
        .where('matterId', '=', matterId)
        .where('kind', '=', kind)
        .where('voidedAt', 'is', null)
        .orderBy('issuedAt', 'desc')
        .executeTakeFirst()
    },
    listByMatter(db: Executor, matterType: string, matterId: string) {
      return db
        .selectFrom('document')
        .select([...META_COLUMNS])
        .where('matterType', '=', matterType)
        .where('matterId', '=', matterId)
        .orderBy('issuedAt')
        .orderBy('id')
        .execute()
    },
    markVoid(db: Executor, id: string, by: string | null, at: string, reason: string) {
      return db
        .updateTable('document')
        .set({ voidedAt: at, voidedBy: by, voidReason: reason })
        .where('id', '=', id)
        .where('voidedAt', 'is', null)
        .executeTakeFirst()
    },
    unit(db: Executor, id: string) {
      return db.selectFrom('orgUnit').select(['id', 'name', 'docAbbreviation', 'phone']).where('id', '=', id).executeTakeFirst()
    },
    setAbbreviation(db: Executor, unitId: string, abbreviation: string | null) {
      return db.updateTable('orgUnit').set({ docAbbreviation: abbreviation }).where('id', '=', unitId).executeTakeFirst()
    },
  }
}
export type DocumentsRepo = ReturnType<typeof createDocumentsRepo>
