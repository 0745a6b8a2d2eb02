/**
 * Texts of the serious-violation list's documents (Order 44; no national format catalogue is quoted
 * in RULES.md, so the wording follows the penalty documents' pattern — SECONDARY). `{basis}` is the
 * legal basis of the rule version in force on the listing's trigger date, filled by the engine.
 */
import type { DocumentTemplate } from '../../core/documents'

const BASE = { version: 1, regime: null, validFrom: '2021-09-01', validTo: null } as const

export const SERIOUS_DOCUMENT_KINDS = {
  'credit_serious.notice': '列入严重违法失信名单告知书',
  'credit_serious.decision': '列入严重违法失信名单决定书',
} as const
export type SeriousDocumentKind = keyof typeof SERIOUS_DOCUMENT_KINDS

export const SERIOUS_TEMPLATES: readonly DocumentTemplate[] = [
  {
    ...BASE,
    kind: 'credit_serious.notice',
    title: SERIOUS_DOCUMENT_KINDS['credit_serious.notice'],
    numberCode: '信告',
    addressee: '{entityName}',
    paragraphs: [
      '统一社会信用代码：{uscc}。',
      '经查，你单位{ground}（{sourceRef}）。依据《市场监督管理严重违法失信名单管理办法》，本局拟将你单位列入严重违法失信名单，列入领域：{field}。',
      '依法你单位享有陈述、申辩的权利。如有陈述、申辩意见，请于本告知书送达之日起{statementPeriod}内（截至 {statementDue}）向本局提出；逾期未提出的，视为放弃上述权利。',
    ],
    closing: ['特此告知。'],
    service: true,
  },
  {
    ...BASE,
    kind: 'credit_serious.decision',
    title: SERIOUS_DOCUMENT_KINDS['credit_serious.decision'],
    numberCode: '信列',
    addressee: '{entityName}',
    paragraphs: [
      '统一社会信用代码：{uscc}。',
      '经查，你单位{ground}（{sourceRef}）。本局已于 {notifiedOn} 告知你单位拟列入的事实、理由、依据及依法享有的权利。{statement}',
      '依据{basis}，本局决定将你单位列入严重违法失信名单（列入领域：{field}），自 {listedOn} 起通过国家企业信用信息公示系统向社会公示。{upper}',
      '列入满3年（至 {autoRemovalOn}）且未再受到较重行政处罚的，本局将移出严重违法失信名单。列入满1年（{earlyFromOn} 起），已履行行政处罚决定、消除危害后果且未再受到较重行政处罚的，可以向本局申请提前移出（信用修复）。',
      '你单位法定代表人（负责人）{legalRep}的任职限制记录至 {restrictionEndOn}，以法律、行政法规的规定为准。',
      '如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
    ],
    service: true,
  },
]
