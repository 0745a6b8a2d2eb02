import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../core/config'
import { attachment } from '../../core/http/download'
import { sendXlsx } from '../../core/export'
import { receiveImportFile, uploadedBytes, uploadedFile } from '../../core/http/upload'
import { PageQuery } from '../../core/pagination'
import type { InspectionsModule } from './index'
import { ATTACHMENT_MAX_BYTES } from './inspections.service'
import {
  Candidate,
  Conflict,
  ConflictBody,
  Draw,
  DrawBody,
  DrawJob,
  ImportSummary,
  Inspector,
  InspectorBody,
  InspectorQuery,
  Item,
  ItemBody,
  ItemPatch,
  ItemQuery,
  MyTargetQuery,
  pages,
  Plan,
  PlanBody,
  PlanPatch,
  PlanQuery,
  Preview,
  PublicQuery,
  PublicTask,
  ResultBody,
  SpecialList,
  SpecialListImportQuery,
  TargetDetail,
  TargetQuery,
  Task,
  TaskBody,
  TaskPatch,
  TaskQuery,
  Verdict,
  VoidBody,
} from './inspections.schema'

const IMPORT_MAX_BYTES = 20 * 1024 * 1024
const Id = (what: string) => z.object({ id: z.string().uuid(`${what} ID 无效`) })

/**
 * HTTP routes of 双随机、一公开. Thin: validate, call one service method with the actor's ctx,
 * present. /public/inspections/* need no session (published data, announcements, verification).
 */
export function inspectionsRoutes(m: InspectionsModule, config: Config): FastifyPluginAsyncZod {
  const { catalog, draws, service } = m
  return async (app) => {
    const tags = ['双随机抽查']
    await app.register(multipart, { limits: { fileSize: Math.max(IMPORT_MAX_BYTES, ATTACHMENT_MAX_BYTES), files: 1, fields: 5, fieldSize: 4096 } })

    // --- check items
    app.get(
      '/inspection-items',
      { schema: { operationId: 'listInspectionItems', tags, summary: '抽查事项清单', querystring: ItemQuery, response: { 200: pages.items } } },
      (req) => catalog.listItems(req.ctx, req.query),
    )
    app.post('/inspection-items', { schema: { operationId: 'createInspectionItem', tags, body: ItemBody, response: { 201: Item } } }, async (req, reply) =>
      reply.code(201).send(await catalog.createItem(req.ctx, req.body)),
    )
    app.get(
      '/inspection-items/export',
      { schema: { operationId: 'exportInspectionItems', tags, summary: '导出抽查事项清单（也是导入模板）' } },
      async (req, reply) => {
        catalog.assertCan(req.ctx, 'inspection.read')
        await sendXlsx(req, reply, { name: '抽查事项清单.xlsx' }, (out) => catalog.exportItems(req.ctx, out))
      },
    )
    app.post(
      '/inspection-items/import',
      {
        bodyLimit: IMPORT_MAX_BYTES,
        schema: {
          operationId: 'importInspectionItems',
          tags,
          summary: '导入抽查事项清单（multipart，字段 file）',
          consumes: ['multipart/form-data'],
          response: { 201: ImportSummary },
        },
      },
      async (req, reply) => {
        catalog.assertCan(req.ctx, 'inspection.manage')
        const file = await receiveImportFile(req, config.imports.dir, IMPORT_MAX_BYTES)
        return reply.code(201).send(await catalog.importItems(req.ctx, file))
      },
    )
    app.get('/inspection-items/:id', { schema: { operationId: 'getInspectionItem', tags, params: Id('事项'), response: { 200: Item } } }, (req) =>
      catalog.getItem(req.ctx, req.params.id),
    )
    app.patch(
      '/inspection-items/:id',
      { schema: { operationId: 'updateInspectionItem', tags, params: Id('事项'), body: ItemPatch, response: { 200: Item } } },
      (req) => catalog.updateItem(req.ctx, req.params.id, req.body),
    )
    app.get(
      '/inspection-imports/:id/error-report',
      { schema: { operationId: 'inspectionImportErrorReport', tags, summary: '导入错误报告（Excel）', params: Id('导入记录') } },
      async (req, reply) => {
        await catalog.visibleImport(req.ctx, req.params.id)
        await sendXlsx(req, reply, { name: '导入错误报告.xlsx' }, (out) => catalog.writeImportErrorReport(req.ctx, req.params.id, out))
      },
    )

    // --- special lists
    app.get(
      '/inspection-lists',
      { schema: { operationId: 'listSpecialLists', tags, summary: '特定对象名录', response: { 200: z.object({ items: z.array(SpecialList) }) } } },
      (req) => catalog.listSpecialLists(req.ctx),
    )
    app.post(
      '/inspection-lists/import',
      {
        bodyLimit: IMPORT_MAX_BYTES,
        schema: {
          operationId: 'importSpecialList',
          tags,
          summary: '由统一社会信用代码清单导入特定对象名录（multipart，字段 file）',
          consumes: ['multipart/form-data'],
          querystring: SpecialListImportQuery,
          response: { 201: ImportSummary },
        },
      },
      async (req, reply) => {
        catalog.assertCan(req.ctx, 'inspection.manage')
        const file = await receiveImportFile(req, config.imports.dir, IMPORT_MAX_BYTES)
        return reply.code(201).send(await catalog.importSpecialList(req.ctx, req.query, file))
      },
    )

    // --- inspector register
    app.get(
      '/inspection-inspectors',
      { schema: { operationId: 'listInspectors', tags, summary: '执法检查人员名录', querystring: InspectorQuery, response: { 200: pages.inspectors } } },
      (req) => catalog.listInspectors(req.ctx, req.query),
    )
    app.get(
      '/inspection-inspectors/candidates',
      {
        schema: {
          operationId: 'inspectorCandidates',
          tags,
          summary: '持执法证、尚未列入名录的用户',
          response: { 200: z.object({ items: z.array(Candidate) }) },
        },
      },
      (req) => catalog.inspectorCandidates(req.ctx),
    )
    app.put(
      '/inspection-inspectors/:userId',
      {
        schema: {
          operationId: 'saveInspector',
          tags,
          summary: '列入或更新检查人员',
          params: z.object({ userId: z.string().uuid('用户 ID 无效') }),
          body: InspectorBody,
          response: { 200: Inspector },
        },
      },
      (req) => catalog.saveInspector(req.ctx, req.params.userId, req.body),
    )
    app.get(
      '/inspection-inspectors/:userId/conflicts',
      {
        schema: {
          operationId: 'listInspectorConflicts',
          tags,
          params: z.object({ userId: z.string().uuid('用户 ID 无效') }),
          response: { 200: z.object({ items: z.array(Conflict) }) },
        },
      },
      (req) => catalog.listConflicts(req.ctx, req.params.userId),
    )
    app.post(
      '/inspection-inspectors/:userId/conflicts',
      {
        schema: {
          operationId: 'addInspectorConflict',
          tags,
          summary: '声明利害关系（回避）',
          params: z.object({ userId: z.string().uuid('用户 ID 无效') }),
          body: ConflictBody,
          response: { 201: Conflict },
        },
      },
      async (req, reply) => reply.code(201).send(await catalog.addConflict(req.ctx, req.params.userId, req.body)),
    )
    app.delete(
      '/inspection-conflicts/:id',
      { schema: { operationId: 'removeInspectorConflict', tags, params: Id('利害关系声明'), response: { 204: z.null() } } },
      async (req, reply) => {
        await catalog.removeConflict(req.ctx, req.params.id)
        return reply.code(204).send(null)
      },
    )

    // --- plans
    app.get('/inspection-plans', { schema: { operationId: 'listInspectionPlans', tags, querystring: PlanQuery, response: { 200: pages.plans } } }, (req) =>
      service.listPlans(req.ctx, req.query),
    )
    app.post('/inspection-plans', { schema: { operationId: 'createInspectionPlan', tags, body: PlanBody, response: { 201: Plan } } }, async (req, reply) =>
      reply.code(201).send(await service.createPlan(req.ctx, req.body)),
    )
    app.get('/inspection-plans/:id', { schema: { operationId: 'getInspectionPlan', tags, params: Id('计划'), response: { 200: Plan } } }, (req) =>
      service.getPlan(req.ctx, req.params.id),
    )
    app.patch(
      '/inspection-plans/:id',
      { schema: { operationId: 'updateInspectionPlan', tags, params: Id('计划'), body: PlanPatch, response: { 200: Plan } } },
      (req) => service.updatePlan(req.ctx, req.params.id, req.body),
    )

    // --- tasks
    app.get('/inspection-tasks', { schema: { operationId: 'listInspectionTasks', tags, querystring: TaskQuery, response: { 200: pages.tasks } } }, (req) =>
      service.listTasks(req.ctx, req.query),
    )
    app.post('/inspection-tasks', { schema: { operationId: 'createInspectionTask', tags, body: TaskBody, response: { 201: Task } } }, async (req, reply) =>
      reply.code(201).send(await service.createTask(req.ctx, req.body)),
    )
    app.get('/inspection-tasks/:id', { schema: { operationId: 'getInspectionTask', tags, params: Id('任务'), response: { 200: Task } } }, (req) =>
      service.getTask(req.ctx, req.params.id),
    )
    app.patch(
      '/inspection-tasks/:id',
      { schema: { operationId: 'updateInspectionTask', tags, summary: '修改草稿任务', params: Id('任务'), body: TaskPatch, response: { 200: Task } } },
      (req) => service.updateTask(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/inspection-tasks/:id/announce',
      {
        schema: { operationId: 'announceInspectionTask', tags, summary: '公告任务并公布承诺值（冻结范围与参数）', params: Id('任务'), response: { 200: Task } },
      },
      (req) => service.announce(req.ctx, req.params.id),
    )
    app.post(
      '/inspection-tasks/:id/void',
      {
        schema: {
          operationId: 'voidInspectionTask',
          tags,
          summary: '作废草稿或已公告（未抽取）的任务，须说明理由；公告页面显示为已撤回',
          params: Id('任务'),
          body: VoidBody,
          response: { 200: Task },
        },
      },
      (req) => service.voidTask(req.ctx, req.params.id, req.body),
    )
    app.get(
      '/inspection-tasks/:id/preview',
      {
        schema: {
          operationId: 'previewInspectionDraw',
          tags,
          summary: '抽取前预览：各风险分层对象数、应抽数、可用检查人员与负荷，能否抽取及原因',
          params: Id('任务'),
          response: { 200: Preview },
        },
      },
      (req) => service.preview(req.ctx, req.params.id),
    )
    app.post(
      '/inspection-tasks/:id/draws',
      {
        schema: {
          operationId: 'startInspectionDraw',
          tags,
          summary: '开始抽取（或重新抽取，须说明理由）；返回进度记录',
          params: Id('任务'),
          body: DrawBody,
          response: { 202: DrawJob },
        },
      },
      async (req, reply) => reply.code(202).send(await draws.startDraw(req.ctx, req.params.id, req.body)),
    )
    app.get(
      '/inspection-tasks/:id/draws',
      {
        schema: {
          operationId: 'listInspectionDraws',
          tags,
          summary: '任务的全部抽取记录（含重新抽取）',
          params: Id('任务'),
          response: { 200: z.object({ items: z.array(Draw) }) },
        },
      },
      async (req) => ({ items: await draws.listDraws(req.ctx, req.params.id) }),
    )
    app.get(
      '/inspection-tasks/:id/targets',
      {
        schema: {
          operationId: 'listInspectionTargets',
          tags,
          summary: '抽中的检查对象、检查人员与结果',
          params: Id('任务'),
          querystring: TargetQuery,
          response: { 200: pages.targets },
        },
      },
      (req) => service.listTargets(req.ctx, req.params.id, req.query),
    )
    app.get(
      '/inspection-tasks/:id/export',
      { schema: { operationId: 'exportInspectionTask', tags, summary: '导出抽查名单与结果（Excel）', params: Id('任务') } },
      async (req, reply) => {
        await service.assertCanExport(req.ctx, req.params.id)
        await sendXlsx(req, reply, { name: '抽查名单与结果.xlsx' }, (out) => service.exportTask(req.ctx, req.params.id, out))
      },
    )
    app.post(
      '/inspection-tasks/:id/publish',
      { schema: { operationId: 'publishInspectionTask', tags, summary: '公示抽查结果', params: Id('任务'), response: { 200: Task } } },
      (req) => service.publish(req.ctx, req.params.id),
    )
    app.get(
      '/inspection-draw-jobs/:id',
      { schema: { operationId: 'getInspectionDrawJob', tags, summary: '抽取进度', params: Id('进度记录'), response: { 200: DrawJob } } },
      (req) => draws.getJob(req.ctx, req.params.id),
    )
    app.get(
      '/inspection-draws',
      {
        schema: {
          operationId: 'recentInspectionDraws',
          tags,
          summary: '最近的抽取记录',
          response: {
            200: z.object({
              items: z.array(z.object({ id: z.string(), drawNo: z.string(), status: z.string(), drawnAt: z.string(), taskNo: z.string(), name: z.string() })),
            }),
          },
        },
      },
      (req) => draws.recentDraws(req.ctx),
    )
    app.get('/inspection-draws/:id', { schema: { operationId: 'getInspectionDraw', tags, params: Id('抽取记录'), response: { 200: Draw } } }, (req) =>
      draws.getDraw(req.ctx, req.params.id),
    )
    app.get(
      '/inspection-draws/:ref/verify',
      {
        schema: {
          operationId: 'verifyInspectionDraw',
          tags,
          summary: '按记录重算并核验抽取（抽取记录 ID 或编号）',
          params: z.object({ ref: z.string().trim().min(4).max(64) }),
          response: { 200: Verdict },
        },
      },
      (req) => draws.verify(req.ctx, req.params.ref),
    )

    // --- results (the inspector's side)
    app.get(
      '/inspection-my-targets',
      {
        schema: {
          operationId: 'myInspectionTargets',
          tags,
          summary: '我的检查任务（分派给我的检查对象）',
          querystring: MyTargetQuery,
          response: { 200: pages.myTargets },
        },
      },
      (req) => service.myTargets(req.ctx, req.query),
    )
    app.get(
      '/inspection-targets/:id',
      { schema: { operationId: 'getInspectionTarget', tags, params: Id('检查对象'), response: { 200: TargetDetail } } },
      (req) => service.getTarget(req.ctx, req.params.id),
    )
    app.post(
      '/inspection-targets/:id/results',
      {
        schema: {
          operationId: 'recordInspectionResults',
          tags,
          summary: '录入检查结果（每个事项一条）',
          params: Id('检查对象'),
          body: ResultBody,
          response: { 200: TargetDetail },
        },
      },
      (req) => service.recordResults(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/inspection-targets/:id/attachments',
      {
        bodyLimit: ATTACHMENT_MAX_BYTES + 64 * 1024,
        schema: {
          operationId: 'addInspectionAttachment',
          tags,
          summary: '上传附件（PDF/PNG/JPEG，≤ 5 MB；multipart，字段 file）',
          consumes: ['multipart/form-data'],
          params: Id('检查对象'),
          response: { 201: z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), uploadedAt: z.string() }) },
        },
      },
      async (req, reply) => {
        const file = await uploadedFile(req, { limits: { fileSize: ATTACHMENT_MAX_BYTES } })
        const content = await uploadedBytes(file, `附件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`)
        return reply.code(201).send(await service.addAttachment(req.ctx, req.params.id, { fileName: file.filename, content }))
      },
    )
    app.get('/inspection-attachments/:id', { schema: { operationId: 'getInspectionAttachment', tags, params: Id('附件') } }, async (req, reply) => {
      const a = await service.getAttachment(req.ctx, req.params.id)
      reply.header('content-type', a.mime)
      reply.header('content-disposition', attachment(a.fileName, 'attachment'))
      reply.header('x-content-type-options', 'nosniff')
      return reply.send(a.content)
    })

    // --- public (no login): announcements, published results, verification
    const pub = { public: true, rateLimit: { max: config.rateLimit.publicPerMinute, timeWindow: 60_000 } }
    app.get(
      '/public/inspections/announcements',
      {
        config: pub,
        schema: {
          operationId: 'publicInspectionAnnouncements',
          tags,
          summary: '抽查任务公告与承诺值（公开）',
          security: [],
          querystring: PageQuery,
          response: { 200: pages.announcements },
        },
      },
      (req) => service.announcements(req.query),
    )
    app.get(
      '/public/inspections/tasks',
      {
        config: pub,
        schema: {
          operationId: 'publicInspectionTasks',
          tags,
          summary: '已公示的抽查任务（公开）',
          security: [],
          querystring: PublicQuery,
          response: { 200: pages.publicTasks },
        },
      },
      (req) => service.publicTasks(req.query),
    )
    app.get(
      '/public/inspections/tasks/:ref',
      {
        config: pub,
        schema: {
          operationId: 'publicInspectionTask',
          tags,
          summary: '已公示的抽查任务（公开）',
          security: [],
          params: z.object({ ref: z.string().trim().min(4).max(64) }),
          response: { 200: PublicTask },
        },
      },
      (req) => service.publicTask(req.params.ref),
    )
    app.get(
      '/public/inspections/tasks/:ref/targets',
      {
        config: pub,
        schema: {
          operationId: 'publicInspectionTargets',
          tags,
          summary: '已公示任务的检查对象与结果（公开，仅名称与统一社会信用代码）',
          security: [],
          params: z.object({ ref: z.string().trim().min(4).max(64) }),
          querystring: PublicQuery,
          response: { 200: pages.publicTargets },
        },
      },
      (req) => service.publicTargets(req.params.ref, req.query),
    )
    app.get(
      '/public/inspections/draws/:drawNo/verify',
      {
        config: pub,
        schema: {
          operationId: 'publicVerifyInspectionDraw',
          tags,
          summary: '公开核验抽取（已公示任务）',
          security: [],
          params: z.object({ drawNo: z.string().trim().min(4).max(64) }),
          response: { 200: Verdict },
        },
      },
      (req) => draws.verifyPublic(req.params.drawNo),
    )
  }
}
