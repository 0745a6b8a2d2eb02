import { fenToYuan, ITEM_TYPES, ITEM_WORKFLOWS, STATE_LABEL, type ClockKind, type ItemType, type Outcome, type State } from './complaints.domain'

/*
 * What the public tracking page tells the person who filed an item, in their words rather than
 * the centre's (待分送 means nothing to a citizen). Pure: no IO.
 */

/**
 * Where the item stands, in the public words its type's declaration gives the state (a few states
 * read differently per type); a state the type never reaches reads as in the other declarations.
 */
export function citizenState(type: ItemType, state: State): string {
  const own = ITEM_WORKFLOWS[type].states[state]?.publicText
  if (own) return own
  for (const t of ITEM_TYPES) {
    const text = ITEM_WORKFLOWS[t].states[state]?.publicText
    if (text) return text
  }
  return STATE_LABEL[state]
}

/** The next step the unit owes the citizen, as a sentence ending before the date. */
const NEXT_STEP: Record<ClockKind, string> = {
  accept: '决定是否受理',
  mediation: '结束调解',
  termination_notice: '送达终止调解告知',
  verify: '完成核查并决定是否立案',
  reporter_notice: '告知您处理结果',
  answer: '答复您的咨询',
  dispute: '确定负责办理的单位',
}

/** 2026年12月2日 from a legal date (already a China-time calendar date). */
export function cnDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

export function citizenNextStep(kind: string | null, dueOn: string | null): { dueOn: string; text: string } | null {
  if (!kind || !dueOn || !(kind in NEXT_STEP)) return null
  return { dueOn, text: `承办单位应于${cnDay(dueOn)}前${NEXT_STEP[kind as ClockKind]}` }
}

/**
 * What was agreed or decided, in words. Only for complaints (a reporter learns the outcome through
 * the formal notice, Art 31) and consultations (the answer itself is the outcome).
 */
export function citizenOutcome(type: ItemType, outcome: Outcome | null, recoveredFen: number, mediationDoc: boolean | null): string | null {
  if (type !== 'complaint' || !outcome) return null
  const money = recoveredFen > 0 ? `，为您挽回经济损失 ${fenToYuan(recoveredFen)} 元` : ''
  switch (outcome) {
    case 'agreement_with_doc':
      return `经调解，您与经营者达成调解协议，并制作了调解书${money}。`
    case 'agreement_no_doc':
      return `经调解，您与经营者达成调解协议${mediationDoc === false ? '（未制作调解书）' : ''}${money}。`
    case 'settled':
      return `您与经营者自行和解${money}。`
    case 'withdrawn':
      return '您已撤回投诉。'
    case 'terminated':
      return '调解未能达成一致，承办单位已终止调解；您可以依法通过其他途径（如仲裁、诉讼）解决争议。'
    case 'not_accepted':
      return '您的投诉不符合受理条件，承办单位已决定不予受理，理由见不予受理告知书。'
    case 'no_jurisdiction':
      return '该事项不属于市场监管部门职责，请按告知向有权处理的部门反映。'
    default:
      return null
  }
}
