import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { AbbreviationBody, AbbreviationOut, DocumentList, DocumentListQuery, DocumentMeta } from './documents.schema'
import type { DocumentsEngine } from './documents.service'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })

export function documentsRoutes(documents: DocumentsEngine): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['文书']
    app.get(
      '/documents',
      {
        schema: {
          operationId: 'listDocuments',
          tags,
          summary: '某一事项已出具的文书（文号、成文日期、种类）',
          querystring: DocumentListQuery,
          response: { 200: DocumentList },
        },
      },
      (req) => documents.list(req.ctx, req.query.matterType, req.query.matterId),
    )
    app.get(
      '/documents/:id',
      { schema: { operationId: 'getDocument', tags, summary: '文书存档信息', params: IdParams, response: { 200: DocumentMeta } } },
      (req) => documents.get(req.ctx, req.params.id),
    )
    app.get(
      '/documents/:id/content',
      { schema: { operationId: 'documentContent', tags, summary: '文书存档副本（HTML，与出具时逐字节一致）', params: IdParams } },
      async (req, reply) => {
        const { html, meta } = await documents.content(req.ctx, req.params.id)
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .header('cache-control', 'no-store')
          .header('x-document-sha256', meta.sha256)
          .send(html)
      },
    )
    app.put(
      '/documents/issuers/:id',
      {
        schema: {
          operationId: 'setDocumentAbbreviation',
          tags,
          summary: '设置机构的发文机关代字（用于文号）',
          params: IdParams,
          body: AbbreviationBody,
          response: { 200: AbbreviationOut },
        },
      },
      (req) => documents.setAbbreviation(req.ctx, req.params.id, req.body.abbreviation),
    )
  }
}
