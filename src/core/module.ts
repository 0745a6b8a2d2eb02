import type { Writable } from 'node:stream'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { ZodType } from 'zod'
import type { Ctx } from './actor'
import type { WebModule } from '../shared/kernel/menu'
import type { AnyWorkflow } from '../shared/kernel/workflow'
import type { DocumentTemplate } from './documents'
import { AppError } from './errors'

/**
 * Module manifests: what each module contributes to the platform, declared once in the module's
 * `index.ts` (`defineModule({...})`) and registered by the composition root (src/app.ts) without
 * knowing the module:
 *  - `permissions`: the permission codes the module owns (labels in src/shared/access/vocabulary.ts);
 *  - `routes`: its Fastify plugins, each with the URL prefixes (under /api) its routes live in;
 *  - `scheduled`: recurring work, run as singleton jobs by the job runner (src/core/jobs);
 *  - `exports`: Excel exports a user may start as a background job (task centre), run as the user;
 *  - `workflows`: its matter workflows (defineWorkflow);
 *  - `templates`: its document templates (src/core/documents);
 *  - `web`: its pages and menu entries (src/shared/<module>/menu.ts, which the web client imports);
 *  - `contributes` / `accepts`: extension points between modules. A module that offers one (the
 *    entity file's sections, the to-do list's providers) names it in `Contributions` by
 *    declaration merging and receives contributions in `accepts`; a module that contributes lists
 *    them in `contributes`. `wireModules` delivers them in module order.
 */
// Extended by modules through declaration merging (`declare module '…/core/module'`).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Contributions {}
export type ContributionPoint = keyof Contributions

/**
 * A Fastify plugin and the URL prefixes (below /api) of the routes it registers: every route's path
 * starts with one of them (plain string prefixes: '/inspection-' covers '/inspection-tasks/:id').
 */
export interface RouteSet {
  prefixes: readonly string[]
  plugin: FastifyPluginAsyncZod
}

/** Recurring work: queued as a singleton job every `everyMs` (one per period whatever the number of processes). */
export interface ScheduledJob {
  /** Job kind, `<module>.<what>`. */
  kind: string
  /** zh-CN label shown in the task centre and in failure reports. */
  label: string
  everyMs: number
  run(): Promise<unknown>
}

/**
 * An Excel export a user starts as a background job (任务中心): the job runs as its creator (the
 * actor rebuilt with today's grants), after the same permission check as the direct download, and
 * its workbook becomes the job's download. Declare with `defineExport` (checks the payload type).
 */
export interface ExportJob<Q = unknown> {
  /** Job kind, `<module>.export`. */
  kind: string
  /** zh-CN label shown in the task centre. */
  label: string
  /** Needed to start it (and checked again when it runs, through the export's own scope). */
  permission: string
  /** The filters (the same as the direct export route's), validated on start. */
  payload: ZodType<Q>
  /** Counted rows word in the progress message, e.g. 件 or 条. */
  unit: string
  fileName(): string
  /** Rows the export will write (for the progress bar). */
  count(ctx: Ctx, q: Q): Promise<number>
  /** Streams the workbook; returns the rows written. */
  write(ctx: Ctx, q: Q, out: Writable, onRow?: (n: number) => void): Promise<number>
}

/** An export job declaration, its payload type checked against its functions. */
export const defineExport = <Q>(e: ExportJob<Q>): ExportJob => e

export interface ModuleManifest {
  /** Module name (its folder under src/modules). */
  name: string
  /** zh-CN name. */
  label: string
  permissions: readonly string[]
  routes: readonly RouteSet[]
  scheduled: readonly ScheduledJob[]
  exports: readonly ExportJob[]
  workflows: readonly AnyWorkflow[]
  templates: readonly DocumentTemplate[]
  web: WebModule | null
  contributes: { readonly [K in ContributionPoint]?: readonly Contributions[K][] }
  accepts: { readonly [K in ContributionPoint]?: (contribution: Contributions[K]) => void }
}

export type ModuleInput = Pick<ModuleManifest, 'name' | 'label'> & Partial<Omit<ModuleManifest, 'name' | 'label'>>

/** A module's manifest, with empty lists for what it does not contribute. */
export function defineModule(m: ModuleInput): ModuleManifest {
  return { permissions: [], routes: [], scheduled: [], exports: [], workflows: [], templates: [], web: null, contributes: {}, accepts: {}, ...m }
}

/**
 * Checks the manifests (one module per name, one owner per permission, job kind (scheduled or export) and
 * extension point) and delivers every contribution to the module accepting it, in module order.
 * Returns the manifests.
 */
export function wireModules<const M extends readonly ModuleManifest[]>(modules: M): M {
  const fail = (what: string) => {
    throw new AppError('INTERNAL', `模块清单有误：${what}`)
  }
  const unique = (what: string, values: string[]) => {
    const seen = new Set<string>()
    for (const v of values) {
      if (seen.has(v)) fail(`${what}「${v}」重复`)
      seen.add(v)
    }
  }
  unique(
    '模块',
    modules.map((m) => m.name),
  )
  unique(
    '权限',
    modules.flatMap((m) => m.permissions),
  )
  unique(
    '任务类型',
    modules.flatMap((m) => [...m.scheduled.map((j) => j.kind), ...m.exports.map((j) => j.kind)]),
  )
  unique(
    '扩展点',
    modules.flatMap((m) => Object.keys(m.accepts)),
  )
  const receivers = new Map<string, (c: never) => void>()
  for (const m of modules) for (const [point, receive] of Object.entries(m.accepts)) receivers.set(point, receive)
  for (const m of modules)
    for (const [point, items] of Object.entries(m.contributes) as Array<[string, readonly never[]]>) {
      const receive = receivers.get(point)
      if (!receive) fail(`模块 ${m.name} 提供的「${point}」没有模块接收`)
      for (const item of items) receive!(item)
    }
  return modules
}
