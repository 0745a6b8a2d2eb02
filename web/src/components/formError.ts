import type { FormInstance } from 'antd'
import { ApiError, errorMessage } from '../api/client'

/** Turns a server detail path ("grants.0.unitId") into an antd name path (['grants', 0, 'unitId']). */
function namePath(path: string): (string | number)[] {
  return path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s))
}

/**
 * Puts the server's field errors next to the matching form fields. Returns the message to show
 * above the form (the overall message, or null when every detail found its field).
 */
export function applyServerError(form: FormInstance, e: unknown, fieldAlias: Record<string, string> = {}): string {
  if (!(e instanceof ApiError)) return errorMessage(e)
  const known = new Set<string>()
  const fieldsMeta = form.getFieldsError()
  for (const f of fieldsMeta) known.add(f.name.join('.'))
  const byField = new Map<string, string[]>()
  for (const d of e.details) {
    const path = fieldAlias[d.path] ?? d.path
    if (!path || !known.has(path)) continue
    byField.set(path, [...(byField.get(path) ?? []), d.message])
  }
  if (byField.size) {
    form.setFields([...byField.entries()].map(([p, errors]) => ({ name: namePath(p), errors })))
  }
  return e.message
}
