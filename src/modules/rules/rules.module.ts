import { defineModule } from '../../core/module'
import { rulesWeb } from '../../shared/rules/menu'
import { rulesRoutes } from './rules.routes'
import type { RulesService } from './rules.service'

/** The catalogue of statutory time limits. */
export function rulesManifest(rules: RulesService) {
  return defineModule({
    name: 'rules',
    label: '期限规则',
    permissions: ['rule.read', 'rule.manage'],
    routes: [{ prefixes: ['/rules', '/rules-deadline'], plugin: rulesRoutes(rules) }],
    web: rulesWeb,
  })
}
