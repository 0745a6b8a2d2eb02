import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Workflow } from '../src/shared/kernel/workflow'
import { buildTestApp, expectError, expectOk, unitId, type Client, type TestApp } from './helpers'

/**
 * HTTP tests generated from a workflow's `matrix()`: for every state × action a record is put in
 * that state directly in the database and the derived action endpoint is called; it must succeed
 * exactly when the declaration allows the action and answer 409 when it refuses. Plus the kernel's
 * edges: 404 outside the data scope, 401 without a session, 403 for a reader, 409 on a stale
 * version, 400 with a zh-CN message on bad input.
 */
export interface MatrixSuite<S extends string, A extends string> {
  workflow: Workflow<S, A>
  /** e.g. '/api/leads'. */
  base: string
  /** Kysely table name, e.g. 'caseLead'. */
  table: string
  /** Who acts (holds the actions' permissions over `unitCode`, not over `otherUnitCode`): a demo username or a factory. */
  actor: string | ((t: TestApp) => Promise<Client>)
  /** Who reads the records but may not take `first` (the initial state's first action). */
  reader: string
  /** Actions the reader may still take on a new record (default none): e.g. a handler's steps where the decisions are the head's. */
  readerSees?: readonly A[]
  /** A unit in the actor's scope, and one outside it. */
  unitCode: string
  otherUnitCode: string
  /**
   * Creates a record of the matter in `unit` (as the platform does); returns its id. `cell` names
   * the state × action the record is made for, when the action's data guards need matching data
   * (a conforming report needs conforming results, a non-conforming one non-conforming results).
   */
  create(t: TestApp, unit: string, cell?: { state: S; action: A }): Promise<string>
  /** A valid input for every action (without the version). */
  input: Record<A, Record<string, unknown>>
  /** An invalid input and the zh-CN words its refusal must contain. */
  bad: { action: A; body: Record<string, unknown>; message: RegExp }
}

export function describeActionMatrix<S extends string, A extends string>(name: string, o: MatrixSuite<S, A>) {
  describe(name, () => {
    let t: TestApp
    let actor: Client, reader: Client
    let unit: string, otherUnit: string
    beforeAll(async () => {
      t = await buildTestApp({ demo: true })
      actor = typeof o.actor === 'string' ? await t.login(o.actor) : await o.actor(t)
      reader = await t.login(o.reader)
      unit = await unitId(t, o.unitCode)
      otherUnit = await unitId(t, o.otherUnitCode)
    })
    afterAll(() => t?.close())

    const inState = async (state: S, where = unit, action?: A) => {
      const id = await o.create(t, where, action ? { state, action } : undefined)
      await (t.s.deps.db as any).updateTable(o.table).set({ state }).where('id', '=', id).execute()
      return id
    }
    const version = async (id: string) => {
      const r = await actor.get(`${o.base}/${id}`)
      expectOk(r)
      return r.body.version as number
    }

    for (const cell of o.workflow.matrix()) {
      it(`${cell.state} × ${cell.action}: ${cell.allowed ? `→ ${cell.to}` : 'refused (409)'}`, async () => {
        const id = await inState(cell.state, unit, cell.action)
        const v = await version(id)
        const r = await actor.post(`${o.base}/${id}/actions/${cell.action}`, { ...o.input[cell.action], version: v })
        if (cell.allowed) {
          expectOk(r)
          expect(r.body).toMatchObject({ state: cell.to, version: v + 1 })
          // The actor holds every permission the workflow names (see `actor`).
          const held = o.workflow.actionList.flatMap((a) => o.workflow.actions[a].permission)
          expect(r.body.actions.map((a: { action: string }) => a.action)).toEqual(o.workflow.available(cell.to!, held))
        } else {
          expectError(r, 409, 'ILLEGAL_TRANSITION')
          expect(await version(id)).toBe(v)
        }
      })
    }

    it('lists the available actions on the detail: the actor sees them, a reader none', async () => {
      const id = await o.create(t, unit)
      const mine = await actor.get(`${o.base}/${id}`)
      expectOk(mine)
      expect(mine.body.actions.map((a: { action: string }) => a.action)).toEqual(o.workflow.allowed(o.workflow.initial))
      const theirs = await reader.get(`${o.base}/${id}`)
      expectOk(theirs)
      expect(theirs.body.actions.map((a: { action: string }) => a.action)).toEqual(o.readerSees ?? [])
    })

    const [first] = o.workflow.allowed(o.workflow.initial)
    it("answers 404 for another district's record, 401 without a session, 403 for a reader", async () => {
      const other = await o.create(t, otherUnit)
      expectError(await actor.post(`${o.base}/${other}/actions/${first}`, { ...o.input[first!], version: 1 }), 404, 'NOT_FOUND')
      const id = await o.create(t, unit)
      expectError(await t.anon.post(`${o.base}/${id}/actions/${first}`, { ...o.input[first!], version: 1 }), 401, 'UNAUTHENTICATED')
      expectError(await reader.post(`${o.base}/${id}/actions/${first}`, { ...o.input[first!], version: 1 }), 403, 'FORBIDDEN')
      expect(await version(id)).toBe(1)
    })

    it('refuses a stale version with 409 and a zh-CN message', async () => {
      const id = await o.create(t, unit)
      const v = await version(id)
      // Someone else wrote the record meanwhile.
      await (t.s.deps.db as any)
        .updateTable(o.table)
        .set({ version: v + 1 })
        .where('id', '=', id)
        .execute()
      expectError(await actor.post(`${o.base}/${id}/actions/${first}`, { ...o.input[first!], version: v }), 409, 'CONFLICT', /已被他人修改/)
      expectError(await actor.post(`${o.base}/${id}/actions/${first}`, o.input[first!]), 400, 'VALIDATION', /版本号/)
    })

    it('refuses bad input with 400 and a clear zh-CN message', async () => {
      const id = await o.create(t, unit)
      expectError(await actor.post(`${o.base}/${id}/actions/${o.bad.action}`, { ...o.bad.body, version: await version(id) }), 400, 'VALIDATION', o.bad.message)
      expect(await version(id)).toBe(1)
    })
  })
}
