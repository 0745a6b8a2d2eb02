import './collection.tables'
export { collectionManifest } from './collection.module'
export { createCollectionService, type CollectionService } from './collection.service'
export { dedupeKeyOf } from './collection.domain'
