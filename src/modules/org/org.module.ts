import { defineModule } from '../../core/module'
import { orgWeb } from '../../shared/org/menu'
import { orgRoutes } from './org.routes'
import type { OrgService } from './org.service'

/** Units, their jurisdictions and the division codes. */
export function orgManifest(org: OrgService) {
  return defineModule({
    name: 'org',
    label: '机构',
    permissions: ['org.read', 'org.manage'],
    routes: [{ prefixes: ['/org', '/divisions'], plugin: orgRoutes(org) }],
    web: orgWeb,
  })
}
