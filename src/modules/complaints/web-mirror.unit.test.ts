import { describe, expect, it } from 'vitest'
import type { Permission as WebPermission } from '../../../web/src/api/types'
import { MEASURE_COLUMNS as WEB_MEASURES } from '../../../web/src/components/analytics/format'
import { ALERT_KIND_LABEL as WEB_ALERT_KIND_LABEL, type AlertKind as WebAlertKind } from '../../../web/src/components/analytics/types'
import * as web from '../../../web/src/components/complaint/labels'
import type * as webTypes from '../../../web/src/components/complaint/types'
import type { Permission } from '../access/access.domain'
import { MEASURE_COLUMNS } from './analytics.domain'
import { ALERT_KIND_LABEL, type ALERT_KINDS } from './analytics.schema'
import {
  ACTION_LABEL, ACTION_PERMISSION, ACTIONS, ATTACHMENT_KINDS, CATEGORIES, CHANNEL_LABEL, CLOCK_STATUS_LABEL, FINAL_STATES, ID_TYPES, ITEM_TYPE_LABEL, MEDIATION_OUTCOMES,
  NOTIFY_CHANNELS, OUTCOME_LABEL, PARTY_ROLES, PAUSE_KINDS, PRODUCT_CODES, RESPONDENT_KIND_LABEL, STATE_LABEL, STATES, TRANSITIONS,
  type Action, type Channel, type ClockStatus, type ItemType, type RespondentKind, type State,
} from './complaints.domain'
import { LIMITS } from './complaints.schema'

/*
 * The web client keeps its own copy of the 12315 vocabulary (it cannot import server modules):
 * labels, options, permissions per action, input bounds. A label changed on one side only would
 * show a clerk one word in a form and another in the list, the export and the printed notice; a
 * new state or action would have no label or no button. This file holds the two copies together:
 * the type checks fail `npm run typecheck` when a union differs, the tests fail when a value does.
 */

// ---- the unions (checked by tsc) ---------------------------------------------------------------
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const unions: {
  itemType: Same<webTypes.ItemType, ItemType>
  channel: Same<webTypes.Channel, Channel>
  state: Same<webTypes.State, State>
  action: Same<webTypes.Action, Action>
  clockStatus: Same<webTypes.ClockStatus, ClockStatus>
  respondentKind: Same<webTypes.RespondentKind, RespondentKind>
  alertKind: Same<WebAlertKind, (typeof ALERT_KINDS)[number]>
  permission: Same<WebPermission, Permission>
} = { itemType: true, channel: true, state: true, action: true, clockStatus: true, respondentKind: true, alertKind: true, permission: true }

const sorted = (xs: Iterable<string>) => [...xs].sort()
const optionMap = (opts: ReadonlyArray<{ value: string; label: string }>) => Object.fromEntries(opts.map((o) => [o.value, o.label]))

describe('the web client’s 12315 vocabulary equals the server’s', () => {
  it('types, channels, categories and product codes', () => {
    expect(Object.values(unions).every(Boolean)).toBe(true)
    expect(web.TYPE_LABEL).toEqual(ITEM_TYPE_LABEL)
    expect(web.CHANNEL_LABEL).toEqual(CHANNEL_LABEL)
    expect(web.CATEGORIES).toEqual(CATEGORIES)
    expect(Object.keys(web.CATEGORIES)).toEqual(Object.keys(CATEGORIES)) // same order in the pickers
    expect(web.PRODUCT_CODES).toEqual(PRODUCT_CODES)
  })

  it('states and actions: labels, colours, final states, permissions', () => {
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

  it('clock states, respondent kinds, outcomes, pauses', () => {
    for (const [k, label] of Object.entries(CLOCK_STATUS_LABEL)) expect(web.CLOCK_META[k as ClockStatus].label, k).toBe(label)
    for (const o of web.CLOCK_FILTER_OPTIONS) expect(o.label).toBe(CLOCK_STATUS_LABEL[o.value as ClockStatus])
    expect(optionMap(web.RESPONDENT_KIND_OPTIONS)).toEqual(RESPONDENT_KIND_LABEL)
    for (const k of Object.keys(RESPONDENT_KIND_LABEL) as RespondentKind[]) expect(web.respondentKindLabel(k)).toBe(RESPONDENT_KIND_LABEL[k])
    expect(web.MEDIATION_OUTCOME_OPTIONS.map((o) => o.value)).toEqual([...MEDIATION_OUTCOMES])
    for (const o of web.MEDIATION_OUTCOME_OPTIONS) expect(o.label).toBe(OUTCOME_LABEL[o.value as keyof typeof OUTCOME_LABEL])
    expect(optionMap(web.PAUSE_KIND_OPTIONS)).toEqual(PAUSE_KINDS)
  })

  it('the enumerations the server validates: channels of notice, identity documents, attachments, party roles', () => {
    expect(web.NOTIFY_CHANNEL_OPTIONS.map((o) => o.value)).toEqual([...NOTIFY_CHANNELS])
    expect(web.ID_TYPE_OPTIONS.map((o) => o.value)).toEqual([...ID_TYPES])
    expect(web.ATTACHMENT_KIND_OPTIONS.map((o) => o.value)).toEqual([...ATTACHMENT_KINDS])
    expect(sorted(Object.keys(web.PERSON_ROLE_LABEL))).toEqual(sorted(PARTY_ROLES))
  })

  it('input bounds', () => {
    expect(web.LIMITS).toEqual(LIMITS)
  })

  it('statistics measures and alert kinds', () => {
    expect(WEB_MEASURES.map((m) => [m.key, m.label, m.kind])).toEqual(MEASURE_COLUMNS.map((m) => [m.key, m.label, m.kind]))
    expect(WEB_ALERT_KIND_LABEL).toEqual(ALERT_KIND_LABEL)
  })

})
