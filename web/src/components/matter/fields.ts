/**
 * Reads a workflow action's zod input into form fields: which widget, label, bounds, options and
 * whether it is required. Pure (no React), so the generated form and its tests share it.
 */
import { z } from 'zod'

export type Widget = 'input' | 'textarea' | 'select' | 'switch' | 'date' | 'number'

export interface FieldSpec {
  name: string
  label: string
  widget: Widget
  required: boolean
  max?: number
  options?: Array<{ value: string; label: string }>
  placeholder?: string
}

/** Per-action overrides of the generated fields: labels, widgets, option labels, placeholders. */
export interface FieldOverride {
  label?: string
  widget?: Widget
  placeholder?: string
  optionLabels?: Record<string, string>
  hidden?: boolean
}

/** A string longer than this is a text area. */
const LONG_TEXT = 100

function unwrap(s: z.ZodType): { inner: z.ZodType; optional: boolean; description?: string } {
  let cur: z.ZodType = s
  let optional = false
  let description = s.description
  for (;;) {
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodNullable || cur instanceof z.ZodDefault) {
      optional = true
      cur = (cur as z.ZodOptional<z.ZodType>).unwrap()
    } else break
    description ??= cur.description
  }
  return { inner: cur, optional, description }
}

type Def = { format?: string; pattern?: RegExp; checks?: Array<{ _zod: { def: Def } }> }
/** z.iso.date(), or a string checked against a YYYY-MM-DD pattern (the server's dateParam()): a calendar date. */
function isDate(s: z.ZodType): boolean {
  const def = (s as unknown as { _zod: { def: Def } })._zod.def
  if (def.format === 'date') return true
  return !!def.checks?.some((c) => c._zod.def.format === 'regex' && /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(c._zod.def.pattern?.source ?? ''))
}

export function fieldsOf(input: z.ZodType | undefined, overrides: Record<string, FieldOverride> = {}): FieldSpec[] {
  if (!(input instanceof z.ZodObject)) return []
  const out: FieldSpec[] = []
  for (const [name, raw] of Object.entries(input.shape)) {
    const o = overrides[name] ?? {}
    if (o.hidden) continue
    const { inner, optional, description } = unwrap(raw as z.ZodType)
    const f: FieldSpec = { name, label: o.label ?? description ?? name, widget: 'input', required: !optional }
    if (isDate(inner)) {
      f.widget = 'date'
    } else if (inner instanceof z.ZodString) {
      const max = inner.maxLength ?? undefined
      f.max = max
      f.widget = max === undefined || max > LONG_TEXT ? 'textarea' : 'input'
    } else if (inner instanceof z.ZodEnum) {
      f.widget = 'select'
      f.options = (inner.options as string[]).map((v) => ({ value: v, label: o.optionLabels?.[v] ?? v }))
    } else if (inner instanceof z.ZodBoolean) {
      f.widget = 'switch'
      f.required = false
    } else if (inner instanceof z.ZodNumber) {
      f.widget = 'number'
    }
    if (o.widget) f.widget = o.widget
    if (o.placeholder) f.placeholder = o.placeholder
    out.push(f)
  }
  return out
}

/** Form values → the action's input: empty optional strings are left out, strings kept as typed (the schema trims). */
export function toInput(fields: FieldSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    const v = values[f.name]
    if (v === undefined || v === null) continue
    if (typeof v === 'string' && v.trim() === '' && !f.required) continue
    if (f.widget === 'date' && v && typeof v === 'object' && 'format' in v) out[f.name] = (v as { format(p: string): string }).format('YYYY-MM-DD')
    else out[f.name] = v
  }
  if (fields.some((f) => f.widget === 'switch')) for (const f of fields) if (f.widget === 'switch') out[f.name] = !!values[f.name]
  return out
}

/** zod issues → field errors (first message per field) and the first message overall. */
export function issuesOf(e: z.ZodError): { byField: Record<string, string>; first: string } {
  const byField: Record<string, string> = {}
  for (const i of e.issues) {
    const k = String(i.path[0] ?? '')
    if (k && !(k in byField)) byField[k] = i.message
  }
  return { byField, first: e.issues[0]?.message ?? '输入不符合要求' }
}
