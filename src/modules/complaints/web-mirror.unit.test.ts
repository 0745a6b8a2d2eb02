import { describe, expect, it } from 'vitest'
import * as web from '../../../web/src/components/complaint/labels'
import type * as webTypes from '../../../web/src/components/complaint/types'
import { ACTION_LABEL, ACTION_PERMISSION, ACTIONS, FINAL_STATES, STATE_LABEL, STATES, TRANSITIONS, type Action, type State } from './complaints.domain'

/*
 * The rest of the 12315 vocabulary (types, channels, categories, outcomes, clocks, bounds…) is one
 * source, src/shared/complaints, imported by server and web. The state machine is still copied into
 * the web client (states, actions, who may take them) until its workflow declaration is shared;
 * this file holds those two copies together: the type checks fail `npm run typecheck` when a union
 * differs, the tests fail when a value does.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const unions: { state: Same<webTypes.State, State>; action: Same<webTypes.Action, Action> } = { state: true, action: true }

const sorted = (xs: Iterable<string>) => [...xs].sort()

describe('the web client’s copy of the 12315 state machine equals the server’s', () => {
  it('states and actions: labels, colours, final states, permissions', () => {
    expect(Object.values(unions).every(Boolean)).toBe(true)
    expect(web.STATE_LABEL).toEqual(STATE_LABEL)
    expect(sorted(Object.keys(web.STATE_COLOR))).toEqual(sorted(STATES))
    expect(web.FINAL_STATES).toEqual(FINAL_STATES)
    expect(web.ACTION_LABEL).toEqual(ACTION_LABEL)
    expect(sorted(Object.keys(web.ACTION_PERMS))).toEqual(sorted(ACTIONS))
    for (const a of ACTIONS) expect(sorted(web.ACTION_PERMS[a]), a).toEqual(sorted(ACTION_PERMISSION[a].perms))
    for (const a of web.DANGER_ACTIONS) expect(ACTIONS).toContain(a)
  })

  it('the primary button of each state is an action the state allows for some item type', () => {
    for (const [state, action] of Object.entries(web.PRIMARY_ACTION) as Array<[State, Action]>) {
      const allowed = Object.values(TRANSITIONS).some((byState) => byState[state]?.[action] !== undefined)
      expect(allowed, `${state} → ${action}`).toBe(true)
    }
    // Every state that has any action has a primary one.
    for (const s of STATES) {
      const any = Object.values(TRANSITIONS).some((byState) => Object.keys(byState[s] ?? {}).length > 0)
      if (any) expect(web.PRIMARY_ACTION[s], s).toBeDefined()
    }
  })
})
