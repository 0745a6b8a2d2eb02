import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkTemplates } from '../src/core/documents'
import { PERMISSIONS, ROLES } from '../src/shared/access/vocabulary'
import { AUDIT_ACTION_LABELS } from '../src/shared/audit/vocabulary'
import type { WebModule } from '../src/shared/kernel/menu'
import { WEB_MODULES } from '../src/shared/web'
import { buildTestApp, type TestApp } from './helpers'

/**
 * Generated from the module manifests (src/core/module.ts, src/app.ts): whatever a module declares
 * exists — its routes are registered, its pages and permissions are real, its scheduled work has a
 * handler. A module added to the list in app.ts is checked by the same tests.
 */
let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(async () => t?.close())

const catalogue = new Set(Object.keys(PERMISSIONS))
const modules = () => t.s.modules

/** The routes a plugin registers, in an instance of its own under /api. */
async function routesOf(plugin: (typeof t.s.modules)[number]['routes'][number]['plugin']) {
  const app = Fastify()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  const found: Array<{ method: string; url: string }> = []
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') found.push({ method, url: r.url })
  })
  await app.register(plugin, { prefix: '/api' })
  await app.ready()
  await app.close()
  return found
}

describe('module manifests', () => {
  it('name each module once and together own every permission of the catalogue, once', () => {
    const names = modules().map((m) => m.name)
    expect(new Set(names).size).toBe(names.length)
    const owned = modules().flatMap((m) => m.permissions)
    expect(owned.filter((p) => !catalogue.has(p))).toEqual([])
    expect([...owned].sort()).toEqual([...catalogue].sort())
  })

  it("register every route of every module, each under one of its module's prefixes, and every prefix holds routes", async () => {
    for (const m of modules())
      for (const set of m.routes) {
        const routes = await routesOf(set.plugin)
        expect(routes.length, `${m.name} registers no route`).toBeGreaterThan(0)
        for (const r of routes) {
          expect(t.app.hasRoute({ method: r.method, url: r.url }), `${m.name}: ${r.method} ${r.url} is not registered`).toBe(true)
          const path = r.url.slice('/api'.length)
          expect(
            set.prefixes.some((p) => path.startsWith(p)),
            `${m.name}: ${r.url} is outside ${set.prefixes.join(', ')}`,
          ).toBe(true)
        }
        for (const p of set.prefixes)
          expect(
            routes.some((r) => r.url.slice('/api'.length).startsWith(p)),
            `${m.name}: no route under ${p}`,
          ).toBe(true)
      }
  })

  it('give every scheduled kind a handler on the job runner, with a label and a period', () => {
    const kinds = modules().flatMap((m) => m.scheduled)
    expect(kinds.map((k) => k.kind).sort()).toEqual([
      'audit.checkpoint',
      'complaint.alerts',
      'complaint.escalate',
      'credit.reminders',
      'credit.serious_expire',
      'credit.serious_transfer',
      'work.due_notices',
    ])
    for (const k of kinds) {
      expect(t.s.jobs.jobs.handlers.get(k.kind)?.label, k.kind).toBe(k.label)
      expect(k.everyMs).toBeGreaterThan(0)
    }
  })

  it('declare workflows whose action permissions exist, audited under named actions', () => {
    const workflows = modules().flatMap((m) => m.workflows)
    expect(workflows.map((w) => w.type).sort()).toEqual(
      [
        'case_file',
        'case_lead',
        'complaint',
        'consultation',
        'credit_listing',
        'credit_proposal',
        'credit_repair',
        'credit_serious',
        'inspection_task',
        'report',
        'sampling_sample',
      ].sort(),
    )
    for (const w of workflows)
      for (const [name, a] of Object.entries(w.actions)) {
        expect(a.permission.length, `${w.type}.${name}`).toBeGreaterThan(0)
        for (const p of a.permission) expect(catalogue.has(p), `${w.type}.${name}: ${p}`).toBe(true)
        expect(AUDIT_ACTION_LABELS[a.audit], `${w.type}.${name}: ${a.audit}`).toBeTruthy()
      }
  })

  it('declare valid document templates, and every document a workflow issues has one in its module', () => {
    for (const m of modules()) {
      expect(checkTemplates(m.templates), m.name).toEqual([])
      // Template kinds carry the module's namespace ('complaint.acceptance'); a workflow names the document with it or without it ('acceptance').
      const kinds = new Set(m.templates.flatMap((x) => [x.kind, x.kind.slice(x.kind.indexOf('.') + 1)]))
      expect(kinds.size > 0 || m.workflows.every((w) => Object.values(w.actions).every((a) => !a.documents?.length)), m.name).toBe(true)
      for (const w of m.workflows)
        for (const [name, a] of Object.entries(w.actions)) for (const d of a.documents ?? []) expect(kinds.has(d), `${w.type}.${name} issues ${d}`).toBe(true)
    }
  })

  it('contribute entity-file sections and to-do providers with real permissions and unique keys', () => {
    const sections = modules().flatMap((m) => m.contributes.profileSections ?? [])
    expect(sections.map((s) => s.key)).toEqual(['leads', 'credit', 'collection', 'inspections', 'sampling', 'complaints', 'cases'])
    const providers = modules().flatMap((m) => m.contributes.workProviders ?? [])
    expect(providers.length).toBeGreaterThanOrEqual(4)
    expect(new Set(providers.map((p) => p.key)).size).toBe(providers.length)
    for (const c of [...sections, ...providers]) for (const p of [c.permission].flat()) expect(catalogue.has(p), `${c.key}: ${p}`).toBe(true)
  })
})

describe('the web half (src/shared/web.ts)', () => {
  const web: readonly WebModule[] = WEB_MODULES
  const routes = web.flatMap((w) => w.routes)
  const menu = web.flatMap((w) => w.menu)

  it('is the same list as the manifests’ web declarations', () => {
    const declared = modules().flatMap((m) => (m.web ? [m.web] : []))
    for (const w of declared) expect(web, w.module).toContain(w)
    for (const w of web) expect(declared, w.module).toContain(w)
    for (const m of modules()) if (m.web) expect(m.web.module).toBe(m.name)
  })

  it('gives every menu entry a route inside the signed-in layout, unique keys and paths', () => {
    for (const e of menu)
      expect(
        routes.some((r) => `/${r.path}` === e.path && (r.layout ?? 'app') === 'app'),
        e.path,
      ).toBe(true)
    expect(new Set(menu.map((e) => e.key)).size).toBe(menu.length)
    expect(new Set(menu.map((e) => e.path)).size).toBe(menu.length)
    expect(new Set(routes.map((r) => r.path)).size).toBe(routes.length)
  })

  it('requires only permissions of the catalogue, and each is held by some built-in role', () => {
    const held = new Set(Object.values(ROLES).flatMap((r) => r.permissions as readonly string[]))
    for (const p of [...menu, ...routes].flatMap((x) => (x.permission ? [x.permission] : []))) {
      expect(catalogue.has(p), p).toBe(true)
      expect(held.has(p), p).toBe(true)
    }
  })
})
