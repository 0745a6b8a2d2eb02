import { DATA_SCOPE_LABEL, DATA_SCOPES, PERMISSIONS, ROLE_LABEL } from '../../../src/shared/access/vocabulary'
import { auditActionLabel, auditTargetLabel } from '../../../src/shared/audit/vocabulary'
import { ENTITY_KIND_LABEL, ENTITY_KINDS, ENTITY_STATUSES, ENTITY_TAGS, INDUSTRY_SECTIONS, RISK_CLASSES } from '../../../src/shared/entities/vocabulary'
import { UNIT_KIND_LABEL, UNIT_KINDS } from '../../../src/shared/org/vocabulary'
import type { EntityKind, EntityStatus, EntityTag, ImportStatus, LengthUnit, RiskClass, RoleCode, RuleSource, Scope, UnitKind } from '../api/types'

/*
 * Labels and options of the web client. The words themselves are the server's, imported from
 * src/shared (one source for both); this file adds what only a screen needs: options, colours,
 * short forms.
 */

export const PERMISSION_LABELS: Record<string, string> = PERMISSIONS

/** Permissions of modules this client has no pages for yet (shown in token and role lists). */
export const OTHER_PERMISSION_LABELS: Record<string, string> = {}

export const ROLE_LABELS: Record<RoleCode, string> = ROLE_LABEL

export const SCOPE_OPTIONS: { value: Scope; label: string }[] = DATA_SCOPES.map((value) => ({ value, label: DATA_SCOPE_LABEL[value] }))

export const UNIT_KIND_OPTIONS: { value: UnitKind; label: string }[] = UNIT_KINDS.map((value) => ({ value, label: UNIT_KIND_LABEL[value] }))

export const LENGTH_UNIT_OPTIONS: { value: LengthUnit; label: string }[] = [
  { value: 'WD', label: '工作日' },
  { value: 'CD', label: '自然日' },
  { value: 'M', label: '月' },
  { value: 'Y', label: '年' },
]

export const lengthUnitLabel = (u: string): string => LENGTH_UNIT_OPTIONS.find((o) => o.value === u)?.label ?? u

export const SOURCE_META: Record<RuleSource, { label: string; color: string; tip: string }> = {
  PRIMARY: { label: '原文核实', color: 'green', tip: '已对照法规原文核实' },
  SECONDARY: { label: '二手来源', color: 'gold', tip: '来自解读、流程图等二手资料，尚未对照原文' },
  UNCONFIRMED: { label: '待核实', color: 'red', tip: '条款尚未核实，使用前须法制审核' },
}

/** Names of audit actions and targets (src/shared/audit: the server types its records by them). */
export { AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS } from '../../../src/shared/audit/vocabulary'
export const actionLabel = auditActionLabel
export const targetTypeLabel = auditTargetLabel

/** Dates and times are shown in Beijing time through the one helper shared with the server. */
import * as time from '../../../src/shared/time'

export { beijingDate, beijingHour, beijingToday } from '../../../src/shared/time'
// One-argument forms, so they can be a table column's render function directly.
export const fmtDateTime = (v: time.TimeInput): string => time.fmtDateTime(v)
/** 2026-12-06 02:00 — without seconds. */
export const fmtDateTimeShort = (v: time.TimeInput): string => time.fmtDateTime(v, { seconds: false })
export const fmtDate = (v: time.TimeInput): string => time.fmtDate(v)
export const fmtDateCn = (v: time.TimeInput): string => time.fmtDateCn(v)
/** 2026年12月6日 星期日 */
export const fmtDateCnWeekday = (v: time.TimeInput): string => time.fmtDateCn(v, { weekday: true })
export const fmtDateTimeCn = (v: time.TimeInput): string => time.fmtDateTimeCn(v)

/* ---------- market-entity register ---------- */

export const ENTITY_KIND_OPTIONS: { value: EntityKind; label: string }[] = ENTITY_KINDS.map((value) => ({ value, label: ENTITY_KIND_LABEL[value] }))

/** Registration status: the short word for tags and filters; `full` as the registration system says it. */
export const ENTITY_STATUS_META: Record<EntityStatus, { label: string; full: string; color: string }> = {
  active: { label: '存续', full: ENTITY_STATUSES.active, color: 'green' },
  suspended: { label: '停业', full: ENTITY_STATUSES.suspended, color: 'orange' },
  revoked: { label: '吊销', full: ENTITY_STATUSES.revoked, color: 'red' },
  cancelled: { label: '注销', full: ENTITY_STATUSES.cancelled, color: 'default' },
  moved_out: { label: '迁出', full: ENTITY_STATUSES.moved_out, color: 'blue' },
  withdrawn: { label: '撤销', full: ENTITY_STATUSES.withdrawn, color: 'purple' },
}
export const ENTITY_STATUS_OPTIONS = (Object.keys(ENTITY_STATUS_META) as EntityStatus[]).map((value) => ({ value, label: ENTITY_STATUS_META[value].full }))
/** The short words, for filters. */
export const ENTITY_STATUS_FILTER_OPTIONS = (Object.keys(ENTITY_STATUS_META) as EntityStatus[]).map((value) => ({
  value,
  label: ENTITY_STATUS_META[value].label,
  title: ENTITY_STATUS_META[value].full,
}))
export const entityStatusMeta = (s: string) => ENTITY_STATUS_META[s as EntityStatus] ?? { label: s, full: s, color: 'default' }

export const ENTITY_TAG_LABELS: Record<EntityTag, string> = ENTITY_TAGS
export const ENTITY_TAG_OPTIONS = (Object.keys(ENTITY_TAG_LABELS) as EntityTag[]).map((value) => ({ value, label: ENTITY_TAG_LABELS[value] }))

/** 信用风险分类：A 低风险 … D 高风险. */
export const RISK_CLASS_META: Record<RiskClass, { label: string; color: string }> = {
  A: { label: 'A 类 · 低风险', color: 'green' },
  B: { label: 'B 类 · 一般风险', color: 'blue' },
  C: { label: 'C 类 · 较高风险', color: 'orange' },
  D: { label: 'D 类 · 高风险', color: 'red' },
}
export const RISK_CLASS_OPTIONS = RISK_CLASSES.map((value) => ({ value, label: RISK_CLASS_META[value].label }))

export { INDUSTRY_SECTIONS }
export const INDUSTRY_OPTIONS = Object.entries(INDUSTRY_SECTIONS).map(([value, label]) => ({ value, label: `${value} ${label}` }))

export const LICENCE_KIND_LABELS: Record<string, string> = { food_business: '食品经营许可证' }

export const IMPORT_STATUS_META: Record<ImportStatus, { color: string; running: boolean }> = {
  validating: { color: 'processing', running: true },
  validated: { color: 'gold', running: false },
  importing: { color: 'processing', running: true },
  done: { color: 'success', running: false },
  failed: { color: 'error', running: false },
  cancelled: { color: 'default', running: false },
}
export const isImportRunning = (s: string): boolean => IMPORT_STATUS_META[s as ImportStatus]?.running ?? false

/** "10000+" when the server stopped counting. */
export const fmtCount = (n: number, capped = false): string => `${n}${capped ? '+' : ''}`
