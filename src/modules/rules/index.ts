import './rules.tables'
export { createRulesService, type RulesService } from './rules.service'
export { rulesRoutes } from './rules.routes'
export { regimeFor, selectRuleInForce, ORDER_121_EFFECTIVE_DATE, type RuleVersion } from './rules.domain'
