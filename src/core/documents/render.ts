/**
 * Pure rendering of printable documents (文书) and reports: A4 pages with print CSS after
 * GB/T 9704-2012 (党政机关公文格式) as far as a browser allows — 天头 37 mm, 订口 28 mm, body in a
 * 156 × 225 mm type area, title in 2号 (22 pt) bold serif, body in 3号 (16 pt) serif with 28.9 pt
 * lines (22 lines × 28 characters), numbers as 焦市监投受告〔2026〕1号, the date in Arabic
 * numerals (2026年12月7日, GB/T 9704-2012 §7.3.5.1). No IO; every value put into markup is escaped.
 */
import { createHash } from 'node:crypto'
import { escapeHtml } from '../../shared/html'
import type { DocumentFacts, DocumentTemplate } from './types'

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九']

function dateParts(date: string): [number, number, number] {
  const m = DATE_RE.exec(date)
  if (!m) throw new Error(`document date must be YYYY-MM-DD: ${date}`)
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

/** The official date of a document (成文日期), GB/T 9704-2012 style: 2026年12月7日. */
export function docDate(date: string): string {
  const [y, m, d] = dateParts(date)
  return `${y}年${m}月${d}日`
}

function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!
  if (n === 10) return '十'
  if (n < 20) return `十${CN_DIGITS[n - 10]}`
  return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`
}

/** The date in Chinese numerals (二〇二六年十二月七日), the style of older documents and seals. */
export function docDateUpper(date: string): string {
  const [y, m, d] = dateParts(date)
  return `${String(y)
    .split('')
    .map((c) => CN_DIGITS[Number(c)])
    .join('')}年${cnNumber(m)}月${cnNumber(d)}日`
}

/**
 * A document number (发文字号, GB/T 9704-2012 §7.2.4): issuing unit's abbreviation + kind code,
 * the full year in 〔〕, the serial without padding and without 第, followed by 号.
 */
export function formatDocNo(abbreviation: string, numberCode: string, year: number, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1) throw new Error(`document serial must be a positive integer: ${serial}`)
  return `${abbreviation}${numberCode}〔${year}〕${serial}号`
}

/** The sequence name that keeps a number series gap-free per issuing unit, year and kind. */
export function docNoSequence(unitId: string, year: number, kind: string): string {
  return `doc:${unitId}:${year}:${kind}`
}

/**
 * Fallback abbreviation of a unit without a configured one: the name with 市场监督管理局 shortened
 * to 市监 (焦作市解放区市场监督管理局 → 焦作市解放区市监).
 */
export function fallbackAbbreviation(unitName: string): string {
  return unitName.replace(/市场监督管理局$/, '市监').replace(/市场监管所$/, '市监所') || unitName
}

/**
 * The template in force for `kind` on `regimeDate` (the date that fixes the matter's legal
 * regime, e.g. a 12315 item's receipt date — not the date it is printed).
 * @throws Error when no version covers the date (a gap in the template data is a bug)
 */
export function selectTemplate(templates: readonly DocumentTemplate[], kind: string, regimeDate: string): DocumentTemplate {
  dateParts(regimeDate)
  const hits = templates.filter((t) => t.kind === kind && t.validFrom <= regimeDate && (t.validTo === null || regimeDate <= t.validTo))
  if (hits.length !== 1) throw new Error(`document template ${kind} on ${regimeDate}: ${hits.length} versions match`)
  return hits[0]!
}

/** Problems of a template set (empty when sound): overlaps and gaps per kind, unknown placeholders. */
export function checkTemplates(templates: readonly DocumentTemplate[]): string[] {
  const problems: string[] = []
  const byKind = new Map<string, DocumentTemplate[]>()
  for (const t of templates) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t])
  for (const [kind, list] of byKind) {
    const sorted = [...list].sort((a, b) => a.validFrom.localeCompare(b.validFrom))
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!
      if (prev.validTo === null || prev.validTo >= sorted[i]!.validFrom) problems.push(`${kind}: v${prev.version} overlaps v${sorted[i]!.version}`)
    }
    if (new Set(list.map((t) => t.version)).size !== list.length) problems.push(`${kind}: duplicate versions`)
  }
  return problems
}

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]*)\}/g

/**
 * Fills `{name}` placeholders with escaped values. A placeholder without a value is an error (a
 * document never goes out with a hole in it).
 */
export function fill(text: string, values: DocumentFacts['values']): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = values[name]
    if (v === undefined || v === null) throw new Error(`document placeholder {${name}} has no value`)
    // A line break in a value (a record's Q&A turns, an evidence list) prints as a line break.
    return escapeHtml(v).replace(/\r?\n/g, '<br>')
  })
}

/** The placeholders a text uses. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!)
}

/** The page CSS: A4, GB/T 9704 margins, CJK serif body, screen preview as a sheet of paper. */
export const PAGE_CSS = `
@page{size:A4;margin:37mm 26mm 35mm 28mm}
html{background:#f0f0f0}
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC","SimSun",serif;font-size:16pt;line-height:28.9pt;color:#000;margin:0}
.sheet{background:#fff;width:156mm;min-height:225mm;margin:8mm auto;padding:37mm 26mm 35mm 28mm;box-shadow:0 0 4px rgba(0,0,0,.25);box-sizing:content-box}
.sheet+.sheet{page-break-before:always;break-before:page}
h1{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;font-weight:700;font-size:22pt;line-height:1.5;text-align:center;margin:0;letter-spacing:.05em}
.unit{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;font-weight:700;font-size:22pt;line-height:1.5;text-align:center;margin:0}
.docno{text-align:right;margin:4mm 0 0;font-family:"Noto Serif CJK SC",serif}
.ref{text-align:right;font-size:12pt;line-height:1.6;color:#333}
.to{margin-top:8mm}
p{margin:0;text-indent:2em;text-align:justify}
p.flush{text-indent:0}
.basis{margin-top:4mm}
.parties{margin-top:10mm}.parties div{margin:2mm 0}
.seal{margin-top:18mm;margin-left:auto;width:max-content;min-width:60mm;text-align:center;position:relative}
.seal .stamp{position:absolute;left:50%;top:-10mm;transform:translateX(-50%);width:42mm;height:42mm;border:1px dashed #999;border-radius:50%;color:#999;font-size:10pt;line-height:42mm;text-align:center}
.contact{margin-top:12mm;font-size:14pt;line-height:1.8}
.foot{margin-top:8mm;font-size:10.5pt;line-height:1.6;color:#555}
table.grid{width:100%;border-collapse:collapse;font-size:14pt;line-height:1.6;margin-top:6mm}
table.grid th,table.grid td{border:1px solid #000;padding:3mm 2mm;text-align:left;vertical-align:middle}
table.grid th{width:34mm;font-weight:400;text-align:center}
table.grid td.tall{height:24mm}
@media print{html{background:none}.sheet{width:auto;min-height:0;margin:0;padding:0;box-shadow:none}.noprint{display:none}}
`

/** One printable A4 page (HTML document) around `body`; `css` adds page-specific rules. */
export function renderPage(opts: { title: string; body: string; css?: string }): string {
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(opts.title)}</title><style>${PAGE_CSS}${opts.css ?? ''}</style></head><body>\n${opts.body}\n</body></html>\n`
}

/**
 * A complete document: unit and title, number, addressee, body, closing, seal block with the
 * decision's date, handler and contact line, and — where the law requires service — a 送达回证 page.
 * @throws Error when a placeholder has no value or the text cites what the template forbids
 */
export function renderDocument(f: DocumentFacts): string {
  const t = f.template
  const para = (s: string, cls = '') => `<p${cls ? ` class="${cls}"` : ''}>${fill(s, f.values)}</p>`
  const parts: string[] = ['<div class="sheet">']
  parts.push(`<div class="unit">${escapeHtml(f.unit.name)}</div>`, `<h1>${escapeHtml(t.title)}</h1>`)
  if (f.docNo) parts.push(`<div class="docno" data-docno>${escapeHtml(f.docNo)}</div>`)
  if (f.reference) parts.push(`<div class="ref">${escapeHtml(f.reference)}</div>`)
  if (t.addressee) parts.push(`<p class="flush to">${fill(t.addressee, f.values)}：</p>`)
  for (const p of t.paragraphs) parts.push(para(p))
  for (const c of t.closing ?? []) parts.push(para(c))
  if (t.partySignatures?.length) parts.push(`<div class="parties">${t.partySignatures.map((s) => `<div>${fill(s, f.values)}</div>`).join('')}</div>`)
  parts.push(
    `<div class="seal"><div class="stamp">（印章）</div><div>${escapeHtml(f.unit.name)}</div><div data-issue-date>${escapeHtml(docDate(f.issueDate))}</div></div>`,
  )
  if (f.handler) {
    parts.push(`<div class="contact">承办人：${escapeHtml(f.handler.name)}${f.handler.phone ? `　　联系电话：${escapeHtml(f.handler.phone)}` : ''}</div>`)
  }
  parts.push('</div>')
  if (t.service) parts.push(renderServiceRecord(f))
  const html = renderPage({ title: `${f.docNo ?? ''} ${t.title}`.trim(), body: parts.join('\n') })
  for (const banned of t.mustNotCite ?? []) {
    if (html.includes(banned)) throw new Error(`document ${t.kind} v${t.version} must not cite ${banned}`)
  }
  return html
}

/** 送达回证 (proof of service): one page the addressee signs on receipt. */
export function renderServiceRecord(f: DocumentFacts): string {
  const row = (h: string, v: string, tall = false) => `<tr><th>${h}</th><td${tall ? ' class="tall"' : ''}>${v}</td></tr>`
  return `<div class="sheet service"><div class="unit">${escapeHtml(f.unit.name)}</div><h1>送达回证</h1>
<table class="grid">
${row('送达文书', `${escapeHtml(f.template.title)}${f.docNo ? `（${escapeHtml(f.docNo)}）` : ''}`)}
${row('受送达人', escapeHtml(f.serviceTo ?? ''))}
${row('送达时间', '　　　　年　　月　　日　　时　　分')}
${row('送达地点', '')}
${row('送达方式', '□直接送达　□留置送达　□邮寄送达　□电子送达　□其他')}
${row('受送达人签名或盖章', '', true)}
${row('代收人及代收理由', '', true)}
${row('送达人', '')}
${row('见证人', '')}
${row('备注', '')}
</table>
<div class="foot">填发单位：${escapeHtml(f.unit.name)}　　填发日期：${escapeHtml(docDate(f.issueDate))}</div></div>`
}

/** SHA-256 of the exact bytes served (UTF-8), hex. */
export function sha256Hex(html: string): string {
  return createHash('sha256').update(html, 'utf8').digest('hex')
}
