/**
 * Texts of the 12315 documents (文书) as data, one version per kind and regime: Order 20 texts for
 * items received until 2026-04-14, Order 121 texts from 2026-04-15 (selected by the item's receipt
 * date, never the print date). The legal basis is not written here: `{basis}` is filled from the
 * rule catalogue version in force on the receipt date (printable form, no reviewers' remarks), and
 * `mustNotCite` makes rendering fail if an Order 121 document would cite Order 20 or vice versa.
 */
import type { DocumentTemplate } from '../../core/documents'

/** Order 20 took effect on 2020-01-01 (Art 40); earlier items (SAIC Order 62 era) are documented under it, as `regimeFor` does. */
export const EARLIEST_REGIME_DATE = '2020-01-01'
const ORDER20 = {
  regime: 'order20',
  validFrom: EARLIEST_REGIME_DATE,
  validTo: '2026-04-14',
  mustNotCite: ['总局令第121号', '《市场监督管理投诉举报处理办法》'],
} as const
const ORDER121 = { regime: 'order121', validFrom: '2026-04-15', validTo: null, mustNotCite: ['总局令第20号', '投诉举报处理暂行办法'] } as const
const both = (
  t: Omit<DocumentTemplate, 'regime' | 'validFrom' | 'validTo' | 'mustNotCite' | 'version'>,
  o121: Partial<DocumentTemplate> = {},
): DocumentTemplate[] => [
  { ...t, ...ORDER20, mustNotCite: [...ORDER20.mustNotCite], version: 1 },
  { ...t, ...ORDER121, mustNotCite: [...ORDER121.mustNotCite], version: 2, ...o121 },
]

/** The 12315 document kinds: key → title. */
export const COMPLAINT_DOCUMENT_KINDS = {
  acceptance: '受理告知书',
  non_acceptance: '不予受理告知书',
  termination: '终止调解告知书',
  mediation: '调解书',
  closure: '办结告知书',
  report_filed: '举报立案告知书',
  report_not_filed: '举报不予立案告知书',
} as const
export type ComplaintDocumentKind = keyof typeof COMPLAINT_DOCUMENT_KINDS

/** Every 12315 template version. */
export const COMPLAINT_TEMPLATES: readonly DocumentTemplate[] = [
  ...both({
    kind: 'complaint.acceptance',
    title: '受理告知书',
    numberCode: '投受告',
    addressee: '{complainants}',
    service: false,
    paragraphs: [
      '你（们）于{receivedOn}对{respondent}的投诉（投诉编号：{itemNo}）收悉。经审查，该投诉符合受理条件，根据{basis}的规定，本部门决定于{decidedOn}予以受理，并将依法组织调解。',
      '调解须经投诉人和被投诉人双方同意。调解过程中，请如实陈述事实、提供证据，并保持联系方式畅通。',
    ],
    closing: ['特此告知。'],
  }),
  ...both({
    kind: 'complaint.non_acceptance',
    title: '不予受理告知书',
    numberCode: '投不受告',
    addressee: '{complainants}',
    service: true,
    paragraphs: [
      '你（们）于{receivedOn}对{respondent}的投诉（投诉编号：{itemNo}）收悉。经审查，该投诉属于“{reason}”的情形，根据{basis}的规定，本部门决定不予受理。',
      '如对本决定有异议，可以依法申请行政复议或者提起行政诉讼。',
    ],
    closing: ['特此告知。'],
  }),
  ...both({
    kind: 'complaint.termination',
    title: '终止调解告知书',
    numberCode: '投终告',
    addressee: '{complainants}、{respondent}',
    service: true,
    paragraphs: [
      '关于投诉编号为{itemNo}的投诉，本部门于{acceptedOn}受理并组织调解。因{ground}，根据{basis}的规定，本部门决定于{decidedOn}终止调解。',
      '当事人可以依法通过协商、申请仲裁、提起诉讼等其他途径解决争议。',
    ],
    closing: ['特此告知。'],
  }),
  ...both({
    kind: 'complaint.mediation',
    title: '调解书',
    numberCode: '投调',
    service: true,
    paragraphs: [
      '投诉人：{complainants}',
      '被投诉人：{respondent}',
      '投诉编号：{itemNo}。投诉人于{receivedOn}投诉称：{facts}投诉请求：{request}',
      '本部门于{acceptedOn}受理后，经投诉人和被投诉人同意，依法组织调解。经调解，双方自愿达成如下协议：{agreement}',
      '本调解书根据{basis}制作，经双方当事人签名或者盖章、本部门加盖印章后生效。本调解书一式三份，双方当事人各执一份，本部门存档一份。',
    ],
    partySignatures: [
      '投诉人（签名）：＿＿＿＿＿＿＿＿　　年　　月　　日',
      '被投诉人（签名或盖章）：＿＿＿＿＿＿＿＿　　年　　月　　日',
      '调解人员（签名）：＿＿＿＿＿＿＿＿',
    ],
  }),
  ...both({
    kind: 'complaint.closure',
    title: '办结告知书',
    numberCode: '投结告',
    addressee: '{addressee}',
    service: false,
    paragraphs: [
      '你（们）于{receivedOn}反映的{typeLabel}事项（编号：{itemNo}），本部门已依据{basis}办理完毕，于{decidedOn}办结。办理结果：{outcome}。',
      '感谢你对市场监管工作的支持。如对办理结果有意见，可以在收到本告知书后向本部门反映。',
    ],
    closing: ['特此告知。'],
  }),
  ...both({
    kind: 'complaint.report_filed',
    title: '举报立案告知书',
    numberCode: '举立告',
    addressee: '{reporter}',
    service: false,
    paragraphs: [
      '你于{receivedOn}向本部门举报{respondent}涉嫌违法的线索（举报编号：{itemNo}）收悉。经核查，本部门于{decidedOn}决定立案调查。',
      '根据{basis}的规定，现将立案情况告知你。本部门将依法对你的个人信息及举报情况予以保密。',
    ],
    closing: ['特此告知。'],
  }),
  ...both({
    kind: 'complaint.report_not_filed',
    title: '举报不予立案告知书',
    numberCode: '举不立告',
    addressee: '{reporter}',
    service: false,
    paragraphs: [
      '你于{receivedOn}向本部门举报{respondent}涉嫌违法的线索（举报编号：{itemNo}）收悉。经核查，{reason}，本部门于{decidedOn}决定不予立案。',
      '根据{basis}的规定，现将不予立案情况告知你。本部门将依法对你的个人信息及举报情况予以保密。',
    ],
    closing: ['特此告知。'],
  }),
]

/**
 * Article of each instrument a document cites where the rule catalogue has no rule for it:
 * Order 20 Art 22 (调解书, PRIMARY). Order 121's articles are not known (RULES.md §0.1): its
 * documents cite the instrument only.
 */
export const EXTRA_ARTICLE: Partial<Record<ComplaintDocumentKind, Record<string, string>>> = {
  mediation: { order20: '第二十二条' },
}
