import { defineModule } from '../../core/module'
import { systemWeb } from '../../shared/system/menu'
import { systemRoutes } from './system.routes'

/** Health and platform facts; the overview page. */
export function systemManifest(deps: Parameters<typeof systemRoutes>[0]) {
  return defineModule({ name: 'system', label: '系统', routes: [{ prefixes: ['/health', '/ping'], plugin: systemRoutes(deps) }], web: systemWeb })
}
