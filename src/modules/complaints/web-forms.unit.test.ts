import { describe, expect, it } from 'vitest'
import { zodRule } from '../../../web/src/components/zodRule'
import { Agent, IntakeFields, Person, PortalFields, Respondent } from '../../shared/complaints/schema'
import { IntakeBody, PortalSubmitBody } from './complaints.schema'

/*
 * The web's forms validate with the server's own zod schemas (src/shared) through zodRule: a value
 * the form lets through is one the API accepts, and a refused value shows the API's message.
 */

/** What the form shows for `value` under `schema`'s rule: null when it passes. */
async function formSays(schema: Parameters<typeof zodRule>[0], value: unknown): Promise<string | null> {
  const rule = zodRule(schema)
  try {
    await rule.validator(rule, value)
    return null
  } catch (e) {
    return (e as Error).message
  }
}

/** What the API says about an intake whose first person has `person` (null when it accepts it). */
function apiSays(person: Record<string, unknown>): string | null {
  const r = IntakeBody.safeParse({
    types: ['complaint'],
    channel: 'hotline',
    category: 'quality',
    summary: '摘要',
    request: '退货',
    facts: '事实',
    persons: [{ name: '张三', ...person }],
  })
  return r.success ? null : r.error.issues[0]!.message
}

describe('web forms validate with the shared zod schemas', () => {
  it('a phone number: the form refuses what the API refuses, in its words', async () => {
    for (const phone of ['13800000000', '0391-1234567', '(0391) 123 4567']) {
      expect(await formSays(Person.shape.phone, phone), phone).toBeNull()
      expect(apiSays({ phone }), phone).toBeNull()
    }
    for (const phone of ['abc', '1234', '13800000000#8']) {
      const said = await formSays(Person.shape.phone, phone)
      expect(said, phone).toBe('联系电话格式不正确')
      expect(apiSays({ phone }), phone).toBe(said)
    }
  })

  it('names and addresses longer than the bound, and a USCC of the wrong shape', async () => {
    expect(await formSays(Person.shape.name, '张'.repeat(51))).toBe('姓名最多 50 字')
    expect(apiSays({ name: '张'.repeat(51) })).toBe('姓名最多 50 字')
    expect(await formSays(Person.shape.address, '路'.repeat(201))).toBe('通讯地址最多 200 字')
    expect(await formSays(Agent.shape.idNo, '1'.repeat(31))).toBe('证件号码最多 30 位')
    expect(await formSays(Respondent.shape.uscc, '91410800MA00000001')).toBeNull()
    expect(await formSays(Respondent.shape.uscc, '91410800MA0000000I')).toBe('统一社会信用代码应为 18 位（不含 I、O、Z、S、V）')
    expect(await formSays(IntakeFields.externalNo, 'GJ 2026')).toBe('平台编号只能包含字母、数字和连字符')
  })

  it('an empty field is left to the form’s own required rule', async () => {
    for (const empty of [undefined, null, '', '   ']) expect(await formSays(Person.shape.phone, empty)).toBeNull()
  })

  it('the server’s request bodies are built from the same field schemas the forms use', () => {
    for (const f of ['summary', 'request', 'facts', 'persons', 'respondent', 'externalNo'] as const) expect(IntakeBody.shape[f], f).toBe(IntakeFields[f])
    for (const f of ['summary', 'facts', 'phone', 'respondentUscc', 'privacyAccepted'] as const) expect(PortalSubmitBody.shape[f], f).toBe(PortalFields[f])
  })
})
