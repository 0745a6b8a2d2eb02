export { systemRoutes } from './system.routes'
export { systemManifest } from './system.module'
