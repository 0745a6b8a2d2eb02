import { defineModule } from '../../core/module'
import { documentsWeb } from '../../shared/documents/menu'
import { documentsRoutes } from './documents.routes'
import type { DocumentsEngine } from './documents.service'

/** Issued documents (文书): the archived copies and their print view. Templates belong to the issuing modules. */
export function documentsManifest(documents: DocumentsEngine) {
  return defineModule({ name: 'documents', label: '文书', routes: [{ prefixes: ['/documents'], plugin: documentsRoutes(documents) }], web: documentsWeb })
}
