import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS, PERMISSION_LABELS, ROLE_LABELS, SCOPE_OPTIONS, UNIT_KIND_OPTIONS } from '../../../web/src/components/labels'
import { DATA_SCOPE_LABEL, PERMISSIONS, ROLES } from '../access/access.domain'
import { ACTIONS } from '../complaints/complaints.domain'
import { UNIT_KIND_LABEL } from '../org/org.domain'

/*
 * The audit page names every record's action and target in Chinese (web/src/components/labels.ts).
 * An action the server records but the client has no word for shows the auditor a code such as
 * `inspection.redraw`. The server's actions are read here from its source: every `action:` and
 * `targetType:` given as a literal (both branches of a conditional included), every `audit:` name of a
 * workflow action or a records-kernel write, plus the 12315
 * transitions, which are recorded as `complaint.<action>`.
 */

const SRC = fileURLToPath(new URL('../..', import.meta.url))
const ACTION_RE = /^(auth|user|token|org|calendar|rule|entity|complaint|inspection|credit|lead)\.[a-z_.]+$/

function sources(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) sources(p, out)
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p)
  }
  return out
}

function recorded() {
  const actions = new Map<string, string>()
  const targets = new Map<string, string>()
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8')
    const where = relative(SRC, file)
    // Workflow declarations (src/shared/**/*.workflow.ts) and the records kernel's create/update name theirs as `audit: '…'`.
    for (const m of text.matchAll(/\baudit:\s*'([a-z_.]+)'/g)) if (ACTION_RE.test(m[1]!)) actions.set(m[1]!, where)
    if (!text.includes('audit.record') && !text.includes('recordView') && !text.includes('record(trx')) continue
    for (const m of text.matchAll(/\baction:\s*([^,}\n]+)/g)) {
      for (const lit of m[1]!.matchAll(/'([a-z_.]+)'/g)) if (ACTION_RE.test(lit[1]!)) actions.set(lit[1]!, where)
      if (m[1]!.includes('`complaint.${action}`') || m[1]!.startsWith('`complaint.$')) for (const a of ACTIONS) actions.set(`complaint.${a}`, where)
    }
    for (const m of text.matchAll(/\btargetType:\s*([^,}\n]+)/g)) for (const lit of m[1]!.matchAll(/'([a-z_]+)'/g)) targets.set(lit[1]!, where)
  }
  return { actions, targets }
}

describe('audit trail labels on the web client', () => {
  const { actions, targets } = recorded()

  it('finds the server’s audit actions (the scan itself works)', () => {
    // A few that must be there, from different modules and written in different ways.
    for (const a of ['auth.login', 'auth.lockout', 'user.disable', 'complaint.intake', 'complaint.accept', 'complaint.reporter.reveal', 'inspection.redraw', 'credit.decide', 'lead.create']) {
      expect(actions.has(a), a).toBe(true)
    }
    expect(actions.size).toBeGreaterThan(60)
    expect(targets.has('complaint_item')).toBe(true)
  })

  it('every action the server records has a Chinese label, and no label is for an action that does not exist', () => {
    const missing = [...actions].filter(([a]) => !AUDIT_ACTION_LABELS[a]).map(([a, where]) => `${a} (${where})`)
    expect(missing).toEqual([])
    const stale = Object.keys(AUDIT_ACTION_LABELS).filter((a) => !actions.has(a))
    expect(stale).toEqual([])
  })

  it('every target type the server records has a Chinese label', () => {
    const missing = [...targets].filter(([t]) => !AUDIT_TARGET_LABELS[t]).map(([t, where]) => `${t} (${where})`)
    expect(missing).toEqual([])
  })

  it('permissions, roles, data scopes and unit kinds read the same on both sides', () => {
    expect(PERMISSION_LABELS).toEqual(PERMISSIONS)
    expect(ROLE_LABELS).toEqual(Object.fromEntries(Object.entries(ROLES).map(([k, r]) => [k, r.label])))
    expect(Object.fromEntries(SCOPE_OPTIONS.map((o) => [o.value, o.label]))).toEqual(DATA_SCOPE_LABEL)
    expect(Object.fromEntries(UNIT_KIND_OPTIONS.map((o) => [o.value, o.label]))).toEqual(UNIT_KIND_LABEL)
  })
})
