import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/*
 * src/shared is compiled by the server and bundled into the web client, so it may import only zod
 * and other files of src/shared: no src/core, no src/modules, no Node built-ins, no other package.
 * An architecture check over the import specifiers of its (non-test) files.
 */

const SHARED = dirname(fileURLToPath(import.meta.url))
const ALLOWED_PACKAGES = new Set(['zod'])

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return sources(p)
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : []
  })
}

/** Every module specifier of a file: import … from, export … from, import '…', import('…'). */
export function specifiers(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(/(?:^|[\s;}])(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) out.push(m[1]!)
  for (const m of text.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g)) out.push(m[1]!)
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!)
  return out
}

/** Why `spec`, imported by `file`, is not allowed in src/shared; null when it is. */
export function problem(file: string, spec: string): string | null {
  if (spec.startsWith('.')) {
    const target = resolve(dirname(file), spec)
    return target === SHARED || target.startsWith(SHARED + sep) ? null : `reaches outside src/shared (${relative(SHARED, target)})`
  }
  return ALLOWED_PACKAGES.has(spec) ? null : 'is a package other than zod'
}

describe('src/shared imports only zod and src/shared', () => {
  it('finds every kind of import (self-check)', () => {
    const sample = [
      "import { z } from 'zod'",
      "import type { Ctx } from '../core/actor'",
      "export { ROLES, type RoleCode } from './access/vocabulary'",
      "import {\n  a,\n  b,\n} from 'node:fs'",
      "import './side-effect'",
      "const m = await import('../modules/rules')",
    ].join('\n')
    expect(specifiers(sample)).toEqual(['zod', '../core/actor', './access/vocabulary', 'node:fs', './side-effect', '../modules/rules'])
    const file = join(SHARED, 'complaints', 'schema.ts')
    expect(problem(file, 'zod')).toBeNull()
    expect(problem(file, './vocabulary')).toBeNull()
    expect(problem(file, '../time')).toBeNull()
    expect(problem(file, '../../core/dates')).not.toBeNull()
    expect(problem(file, '../../modules/rules/rules.seed')).not.toBeNull()
    expect(problem(file, 'node:crypto')).not.toBeNull()
    expect(problem(file, 'dayjs')).not.toBeNull()
  })

  it('holds for every file of src/shared', () => {
    const files = sources(SHARED)
    expect(files.length).toBeGreaterThan(10)
    const bad = files.flatMap((f) =>
      specifiers(readFileSync(f, 'utf8')).flatMap((s) => {
        const p = problem(f, s)
        return p ? [`${relative(SHARED, f)}: '${s}' ${p}`] : []
      }),
    )
    expect(bad).toEqual([])
  })
})
