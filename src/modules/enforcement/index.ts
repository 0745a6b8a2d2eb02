import './enforcement.tables'
export { createEnforcementService, type EnforcementService } from './enforcement.service'
export { enforcementRoutes } from './enforcement.routes'
export { LEAD_SOURCES, LEAD_STATES, LEAD_STATE_LABEL, LEAD_SOURCE_LABEL, type CreateLeadInput } from './enforcement.schema'
