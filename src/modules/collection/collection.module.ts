import type { CoreDeps } from '../../core/deps'
import { defineModule } from '../../core/module'
import { collectionWeb } from '../../shared/collection/menu'
import { collectionRoutes } from './collection.routes'
import { COLLECTION_IMPORT, type CollectionService } from './collection.service'

/** 涉企信息归集: other departments' licences and penalties on the entity's record, and the collection rate. */
export function collectionManifest(svc: CollectionService, deps: Pick<CoreDeps, 'db' | 'config'>) {
  return defineModule({
    name: 'collection',
    label: '涉企信息归集',
    permissions: ['collection.read', 'collection.manage', 'collection.push'],
    routes: [{ prefixes: ['/collection/'], plugin: collectionRoutes(svc, deps.db, deps.config) }],
    web: collectionWeb,
    contributes: { profileSections: [svc.profileSection], importKinds: [COLLECTION_IMPORT] },
  })
}
