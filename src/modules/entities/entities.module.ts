import type { Config } from '../../core/config'
import { defineExport, defineModule } from '../../core/module'
import { entitiesWeb } from '../../shared/entities/menu'
import { entitiesRoutes } from './entities.routes'
import type { EntitiesService, ProfileSection } from './entities.service'
import { ENTITY_IMPORT, type ImportService } from './entities.import'
import { EntityQuery } from './entities.schema'

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
    // The register search's export as a background job (任务中心), for large selections.
    exports: [
      defineExport({
        kind: 'entity.export',
        label: '导出经营主体名录（Excel）',
        permission: 'entity.export',
        payload: EntityQuery.omit({ page: true, pageSize: true, after: true }),
        unit: '条',
        fileName: deps.entities.exportFileName,
        count: async (ctx, q) => (await deps.entities.search(ctx, { ...q, page: 1, pageSize: 1 })).total,
        write: deps.entities.exportXlsx,
      }),
    ],
    web: entitiesWeb,
    accepts: { profileSections: (s) => deps.entities.registerProfileSection(s) },
    contributes: { importKinds: [ENTITY_IMPORT] },
  })
}
