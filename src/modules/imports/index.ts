export { importsRoutes } from './imports.routes'
export { ImportHistoryItem, ImportHistoryPage } from './imports.schema'
export { importsManifest } from './imports.module'
