import { defineModule } from '../../core/module'
import { importsRoutes } from './imports.routes'

/** The import history of every kind (register, 12315 platform files). */
export function importsManifest(sources: Parameters<typeof importsRoutes>[0]) {
  return defineModule({ name: 'imports', label: '导入记录', routes: [{ prefixes: ['/imports'], plugin: importsRoutes(sources) }] })
}
