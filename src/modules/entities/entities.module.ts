import type { Config } from '../../core/config'
import { defineModule } from '../../core/module'
import { entitiesWeb } from '../../shared/entities/menu'
import { entitiesRoutes } from './entities.routes'
import type { EntitiesService, ProfileSection } from './entities.service'
import { ENTITY_IMPORT, type ImportService } from './entities.import'

declare module '../../core/module' {
  interface Contributions {
    /** Sections of the entity file (一户一档), contributed by the modules holding matters about entities. */
    profileSections: ProfileSection
  }
}

/** The register of market entities, its import, and the entity file that other modules add sections to. */
export function entitiesManifest(deps: { entities: EntitiesService; imports: ImportService; config: Config }) {
  return defineModule({
    name: 'entities',
    label: '经营主体',
    permissions: ['entity.read', 'entity.manage', 'entity.import', 'entity.export'],
    routes: [{ prefixes: ['/entities', '/entities-import', '/uscc'], plugin: entitiesRoutes(deps.entities, deps.imports, deps.config) }],
    web: entitiesWeb,
    accepts: { profileSections: (s) => deps.entities.registerProfileSection(s) },
    contributes: { importKinds: [ENTITY_IMPORT] },
  })
}
