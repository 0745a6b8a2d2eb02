import './credit.tables'
export { createCreditService, type CreditService } from './credit.service'
export { creditRoutes } from './credit.routes'
export { ABNORMAL_REASONS, type ProposeAbnormalInput } from './credit.schema'
