import { describe, expect, it } from 'vitest'
import { citizenNextStep, citizenOutcome, citizenState } from './complaints.citizen'
import { ITEM_TYPES, STATES, STATE_LABEL } from './complaints.domain'

describe('public tracking wording', () => {
  it('has a citizen sentence for every state and type, never the internal queue words', () => {
    for (const type of ITEM_TYPES) for (const s of STATES) expect(citizenState(type, s)).toMatch(/[\u4e00-\u9fff]/)
    expect(citizenState('complaint', 'received')).toBe('已收到，正在转交承办单位')
    for (const internal of ['待分送', '已退回待重新分送', '管辖争议处理中', '待受理', '待回访']) {
      for (const type of ITEM_TYPES) for (const s of STATES) expect(citizenState(type, s)).not.toBe(internal)
    }
    expect(STATE_LABEL.received).toBe('待分送')
  })
  it('states the next step with its date in Chinese, and nothing when no clock runs', () => {
    expect(citizenNextStep('accept', '2026-12-02')).toEqual({ dueOn: '2026-12-02', text: '承办单位应于2026年12月2日前决定是否受理' })
    expect(citizenNextStep('verify', '2027-01-10')?.text).toBe('承办单位应于2027年1月10日前完成核查并决定是否立案')
    expect(citizenNextStep(null, null)).toBeNull()
    expect(citizenNextStep('unknown', '2026-12-02')).toBeNull()
  })
  it('says what was agreed in words (money in yuan from fen), only for complaints', () => {
    expect(citizenOutcome('complaint', 'agreement_no_doc', 120050, false)).toBe(
      '经调解，您与经营者达成调解协议（未制作调解书），为您挽回经济损失 1,200.50 元。',
    )
    expect(citizenOutcome('complaint', 'settled', 0, null)).toBe('您与经营者自行和解。')
    expect(citizenOutcome('report', 'filed', 0, null)).toBeNull()
    expect(citizenOutcome('complaint', null, 0, null)).toBeNull()
  })
})
