export { importsRoutes, type ImportHistorySource } from './imports.routes'
export { IMPORT_KINDS, ImportHistoryItem, ImportHistoryPage, type ImportKind } from './imports.schema'
export { importsManifest } from './imports.module'
