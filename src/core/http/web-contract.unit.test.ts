import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * Every response type the web client reads must be checked against the server's declared body in
 * web/src/api/contract.ts (which `npm run typecheck` compiles). This test finds the typed calls —
 * `api.get<T>('/api/…')`, post, put, patch, del and upload — and fails for one without a line there.
 */
const WEB = 'web/src'
const METHOD: Record<string, string> = { get: 'get', post: 'post', put: 'put', patch: 'patch', del: 'delete', upload: 'post' }

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return sources(p)
    // The contract itself and the generated types are not callers.
    return /\.tsx?$/.test(f) && !f.endsWith('.gen.ts') && p !== join(WEB, 'api/contract.ts') ? [p] : []
  })
}

/** A path with its parameters blanked: `/api/users/${u.id}/grants` and `/api/users/{id}/grants` both give `/api/users/{}/grants`. */
const shape = (path: string) => path.replace(/\$\{[^}]*\}/g, '{}').replace(/\{[^}]+\}/g, '{}')

/** The typed calls in one file: method and every literal path the call may take (both arms of a ?:). */
export function typedCalls(text: string): { method: string; paths: string[] }[] {
  const out: { method: string; paths: string[] }[] = []
  const source = ts.createSourceFile('x.tsx', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX)
  const pathsIn = (node: ts.Node): string[] => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text.startsWith('/api/') ? [node.text] : []
    // `/api/users/${id}/grants`: the head, then "${…}" and each literal tail.
    if (ts.isTemplateExpression(node))
      return node.head.text.startsWith('/api/') ? [node.head.text + node.templateSpans.map((s) => `\${}${s.literal.text}`).join('')] : []
    if (ts.isConditionalExpression(node)) return [...pathsIn(node.whenTrue), ...pathsIn(node.whenFalse)]
    if (ts.isParenthesizedExpression(node)) return pathsIn(node.expression)
    return []
  }
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      node.typeArguments?.length &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'api' &&
      METHOD[node.expression.name.text]
    ) {
      const first = node.arguments[0]
      out.push({ method: METHOD[node.expression.name.text]!, paths: first ? pathsIn(first).map((p) => p.replace(/\?.*$/, '')) : [] })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

describe('web client ↔ server response contract', () => {
  const contract = readFileSync(join(WEB, 'api/contract.ts'), 'utf8')
  const covered = new Set([...contract.matchAll(/ServerJson<\s*'([^']+)',\s*'(\w+)'\s*>/g)].map((m) => `${m[2]} ${shape(m[1]!)}`))

  it('reads its own lines (self-check)', () => {
    expect(covered.has('get /api/auth/me')).toBe(true)
    expect(covered.has('put /api/users/{}/grants')).toBe(true)
    expect(covered.size).toBeGreaterThan(80)
  })

  it('finds the typed calls, their methods and paths (self-check)', () => {
    const sample = [
      "const r = await api.get<{ items: Unit[] }>('/api/org/units', undefined, { signal })",
      'await api.put<User>(`/api/users/${user.id}/grants`, { grants })',
      'api.get<Verdict>(publicMode ? `/api/public/inspections/draws/${encodeURIComponent(v)}/verify` : `/api/inspection-draws/${encodeURIComponent(v)}/verify`, undefined, {})',
      "await api.upload<NonNullable<typeof importResult>>('/api/inspection-items/import', fd)",
      "api.post('/api/auth/logout')",
    ].join('\n')
    expect(typedCalls(sample)).toEqual([
      { method: 'get', paths: ['/api/org/units'] },
      { method: 'put', paths: ['/api/users/${}/grants'] },
      { method: 'get', paths: ['/api/public/inspections/draws/${}/verify', '/api/inspection-draws/${}/verify'] },
      { method: 'post', paths: ['/api/inspection-items/import'] },
    ])
  })

  it('has a contract line for every typed call in web/src', () => {
    const missing: string[] = []
    let calls = 0
    for (const file of sources(WEB)) {
      for (const c of typedCalls(readFileSync(file, 'utf8'))) {
        calls++
        if (c.paths.length === 0) missing.push(`${file}: ${c.method} call whose path is not a literal`)
        for (const p of c.paths) {
          const want = `${c.method} ${shape(p)}`
          // A parameter in the call may stand for a fixed segment of the contract (`/${action}` for /disable).
          const re = new RegExp(`^${want.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\}/g, '[^/]+')}$`)
          if (![...covered].some((k) => re.test(k))) missing.push(`${file}: ${want}`)
        }
      }
    }
    expect(calls).toBeGreaterThan(100)
    expect(missing).toEqual([])
  }, 60_000) // scans every web source file: seconds on a busy machine
})
