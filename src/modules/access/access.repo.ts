import type { Insertable, Selectable, Updateable } from 'kysely'
import type { Executor } from '../../core/db/database'
import type { ApiTokenTable, AppUserTable, SessionTable } from './access.tables'

export type UserRow = Selectable<AppUserTable>
export type SessionRow = Selectable<SessionTable>
export type TokenRow = Selectable<ApiTokenTable>

/** The session with its user (see the auth service, which compiles it once). */
export function sessionQuery(db: Executor, idHash: string) {
  return db
    .selectFrom('session')
    .innerJoin('appUser', 'appUser.id', 'session.userId')
    .select([
      'session.idHash',
      'session.userId',
      'session.csrfToken',
      'session.lastSeenAt',
      'session.expiresAt',
      'session.revokedAt',
      'appUser.username',
      'appUser.displayName',
      'appUser.status',
      'appUser.mustChangePassword',
      'appUser.isDemo',
    ])
    .where('session.idHash', '=', idHash)
}

export function createAccessRepo() {
  return {
    findUserById(db: Executor, id: string) {
      return db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst()
    },
    findUserByUsername(db: Executor, username: string) {
      return db.selectFrom('appUser').selectAll().where('username', '=', username).executeTakeFirst()
    },
    countUsers(db: Executor) {
      return db
        .selectFrom('appUser')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n))
    },
    async insertUser(db: Executor, row: Insertable<AppUserTable>) {
      await db.insertInto('appUser').values(row).execute()
    },
    async updateUser(db: Executor, id: string, patch: Updateable<AppUserTable>, expectedVersion?: number) {
      let q = db.updateTable('appUser').set(patch).where('id', '=', id)
      if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion)
      const r = await q.executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    /**
     * Adds one failed login in SQL and returns the new count. The row stays locked until the
     * transaction ends, so parallel guesses (pool connections, several processes) never overwrite
     * each other's count.
     */
    async incrementFailedLogins(db: Executor, id: string): Promise<number> {
      await db
        .updateTable('appUser')
        .set((eb) => ({ failedLogins: eb('failedLogins', '+', 1) }))
        .where('id', '=', id)
        .execute()
      const r = await db.selectFrom('appUser').select('failedLogins').where('id', '=', id).executeTakeFirstOrThrow()
      return r.failedLogins
    },
    findLoginFailure(db: Executor, username: string) {
      return db.selectFrom('loginFailure').selectAll().where('username', '=', username).executeTakeFirst()
    },
    /** Counts one more failure for a username without an account; returns the new count. */
    async incrementLoginFailure(db: Executor, username: string, now: string, resetBefore: string | null): Promise<number> {
      if (resetBefore) await db.deleteFrom('loginFailure').where('username', '=', username).where('lockedUntil', '<=', resetBefore).execute()
      await db
        .insertInto('loginFailure')
        .values({ username, failedLogins: 1, lockedUntil: null, lastFailedAt: now })
        .onConflict((oc) => oc.column('username').doUpdateSet((eb) => ({ failedLogins: eb('loginFailure.failedLogins', '+', 1), lastFailedAt: now })))
        .execute()
      const r = await db.selectFrom('loginFailure').select('failedLogins').where('username', '=', username).executeTakeFirstOrThrow()
      return r.failedLogins
    },
    async lockLoginFailure(db: Executor, username: string, until: string) {
      await db.updateTable('loginFailure').set({ lockedUntil: until }).where('username', '=', username).execute()
    },
    /** Forgets counters whose last failure is older than `before` and whose lock (if any) has ended. */
    async pruneLoginFailures(db: Executor, before: string) {
      await db
        .deleteFrom('loginFailure')
        .where('lastFailedAt', '<', before)
        .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', before)]))
        .execute()
    },
    unitsOf(db: Executor, userIds: string[]) {
      if (userIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('userUnit')
        .innerJoin('orgUnit', 'orgUnit.id', 'userUnit.unitId')
        .select(['userUnit.userId', 'userUnit.unitId', 'userUnit.isPrimary', 'orgUnit.name', 'orgUnit.path'])
        .where('userUnit.userId', 'in', userIds)
        .orderBy('userUnit.isPrimary', 'desc')
        .execute()
    },
    async replaceUnits(db: Executor, userId: string, unitIds: string[]) {
      await db.deleteFrom('userUnit').where('userId', '=', userId).execute()
      await db
        .insertInto('userUnit')
        .values(unitIds.map((unitId, i) => ({ userId, unitId, isPrimary: i === 0 ? 1 : 0 })))
        .execute()
    },
    grantsOf(db: Executor, userIds: string[]) {
      if (userIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('roleGrant')
        .innerJoin('orgUnit', 'orgUnit.id', 'roleGrant.unitId')
        .select([
          'roleGrant.id',
          'roleGrant.userId',
          'roleGrant.role',
          'roleGrant.unitId',
          'roleGrant.scope',
          'orgUnit.name as unitName',
          'orgUnit.path as unitPath',
        ])
        .where('roleGrant.userId', 'in', userIds)
        .orderBy('roleGrant.createdAt')
        .execute()
    },
    async replaceGrants(db: Executor, userId: string, grants: Array<{ id: string; role: string; unitId: string; scope: string; createdAt: string }>) {
      await db.deleteFrom('roleGrant').where('userId', '=', userId).execute()
      if (grants.length > 0)
        await db
          .insertInto('roleGrant')
          .values(grants.map((g) => ({ ...g, userId })))
          .execute()
    },
    async insertSession(db: Executor, row: SessionRow) {
      await db.insertInto('session').values(row).execute()
    },
    /** The session with its user, in one round trip: this runs on every authenticated request. */
    findSession(db: Executor, idHash: string) {
      return sessionQuery(db, idHash).executeTakeFirst()
    },
    async touchSession(db: Executor, idHash: string, at: string) {
      await db.updateTable('session').set({ lastSeenAt: at }).where('idHash', '=', idHash).execute()
    },
    async revokeSession(db: Executor, idHash: string, at: string) {
      await db.updateTable('session').set({ revokedAt: at }).where('idHash', '=', idHash).where('revokedAt', 'is', null).execute()
    },
    async revokeUserSessions(db: Executor, userId: string, at: string, exceptIdHash?: string) {
      let q = db.updateTable('session').set({ revokedAt: at }).where('userId', '=', userId).where('revokedAt', 'is', null)
      if (exceptIdHash) q = q.where('idHash', '!=', exceptIdHash)
      await q.execute()
    },
    async insertToken(db: Executor, row: TokenRow) {
      await db.insertInto('apiToken').values(row).execute()
    },
    findTokenByHash(db: Executor, tokenHash: string) {
      return db
        .selectFrom('apiToken')
        .innerJoin('appUser', 'appUser.id', 'apiToken.userId')
        .select([
          'apiToken.id',
          'apiToken.name',
          'apiToken.userId',
          'apiToken.permissions',
          'apiToken.expiresAt',
          'apiToken.revokedAt',
          'apiToken.lastUsedAt',
          'appUser.username',
          'appUser.displayName',
          'appUser.status',
        ])
        .where('apiToken.tokenHash', '=', tokenHash)
        .executeTakeFirst()
    },
    findTokenById(db: Executor, id: string) {
      return db.selectFrom('apiToken').selectAll().where('id', '=', id).executeTakeFirst()
    },
    listTokens(db: Executor) {
      return db
        .selectFrom('apiToken')
        .innerJoin('appUser', 'appUser.id', 'apiToken.userId')
        .select([
          'apiToken.id',
          'apiToken.name',
          'apiToken.prefix',
          'apiToken.userId',
          'appUser.username',
          'apiToken.permissions',
          'apiToken.expiresAt',
          'apiToken.revokedAt',
          'apiToken.lastUsedAt',
          'apiToken.createdAt',
        ])
        .orderBy('apiToken.createdAt', 'desc')
        .limit(500)
        .execute()
    },
    async touchToken(db: Executor, id: string, at: string) {
      await db.updateTable('apiToken').set({ lastUsedAt: at }).where('id', '=', id).execute()
    },
    async revokeToken(db: Executor, id: string, at: string) {
      await db.updateTable('apiToken').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute()
    },
    async revokeUserTokens(db: Executor, userId: string, at: string) {
      await db.updateTable('apiToken').set({ revokedAt: at }).where('userId', '=', userId).where('revokedAt', 'is', null).execute()
    },
  }
}
export type AccessRepo = ReturnType<typeof createAccessRepo>
