import type { Insertable, Updateable } from 'kysely'
import type { Dialect, Executor } from '../../core/db/database'
import { escapeLike, likeEscaped } from '../../core/db/dialect'
import type { ComplaintAnswerTable } from './answers.tables'

/** Queries of the knowledge base (a few hundred rows at most: a scan with LIKE is enough). */
export function createAnswersRepo(dialect: Dialect) {
  return {
    search(exec: Executor, q: { terms: string[]; category?: string; includeInactive: boolean; limit: number }) {
      let s = exec.selectFrom('complaintAnswer').selectAll()
      if (!q.includeInactive) s = s.where('active', '=', 1)
      if (q.category) s = s.where((eb) => eb.or([eb('category', '=', q.category!), eb('category', 'is', null)]))
      // Every term must appear in the title, the keywords or the answer.
      for (const t of q.terms) {
        const p = `%${escapeLike(t)}%`
        s = s.where((eb) =>
          eb.or([
            likeEscaped(dialect, 'complaint_answer.title', p),
            likeEscaped(dialect, 'complaint_answer.keywords', p),
            likeEscaped(dialect, 'complaint_answer.answer', p),
          ]),
        )
      }
      return s.orderBy('active', 'desc').orderBy('usedCount', 'desc').orderBy('title').limit(q.limit).execute()
    },
    byId: (exec: Executor, id: string) => exec.selectFrom('complaintAnswer').selectAll().where('id', '=', id).executeTakeFirst(),
    byTitle: (exec: Executor, title: string) => exec.selectFrom('complaintAnswer').select('id').where('title', '=', title).executeTakeFirst(),
    insert: (exec: Executor, row: Insertable<ComplaintAnswerTable>) => exec.insertInto('complaintAnswer').values(row).execute(),
    async update(exec: Executor, id: string, version: number, patch: Updateable<ComplaintAnswerTable>): Promise<boolean> {
      const r = await exec
        .updateTable('complaintAnswer')
        .set({ ...patch, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    countUse: (exec: Executor, id: string) =>
      exec
        .updateTable('complaintAnswer')
        .set((eb) => ({ usedCount: eb('usedCount', '+', 1) }))
        .where('id', '=', id)
        .execute(),
  }
}
