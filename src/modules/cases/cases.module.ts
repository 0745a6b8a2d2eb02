import type { CoreDeps } from '../../core/deps'
import { defineModule } from '../../core/module'
import { caseWorkflow } from '../../shared/cases/case.workflow'
import { casesWeb } from '../../shared/cases/menu'
import { caseInvestigationRoutes } from './cases.investigation.routes'
import { caseDecisionRoutes } from './cases.decision.routes'
import { casesRoutes } from './cases.routes'
import type { CasePublicity } from './cases.publicity'
import { casePublicityRoutes } from './cases.publicity.routes'
import type { CasesService } from './cases.service'
import type { CaseStats } from './cases.stats'
import { CASE_TEMPLATES } from './cases.templates'
import { createCasesWork } from './cases.work'

/** 行政处罚案件: the case file from 立案 to 结案, its clocks and documents, the handlers' cases and the entity file's section. */
export function casesManifest(cases: CasesService, deps: Pick<CoreDeps, 'db' | 'config'>, more: { publicity: CasePublicity; stats: CaseStats }) {
  return defineModule({
    name: 'cases',
    label: '行政处罚案件',
    permissions: ['case.read', 'case.handle', 'case.approve', 'case.publicity', 'case.stats'],
    routes: [
      { prefixes: ['/cases'], plugin: casesRoutes(cases) },
      { prefixes: ['/cases', '/case-evidence-files'], plugin: caseInvestigationRoutes(cases) },
      { prefixes: ['/case-money', '/cases/'], plugin: caseDecisionRoutes(cases) },
      {
        prefixes: ['/case-publicity', '/case-typical', '/case-stats', '/public/penalties'],
        plugin: casePublicityRoutes(more.publicity, more.stats, deps.config),
      },
    ],
    workflows: [caseWorkflow],
    templates: CASE_TEMPLATES,
    web: casesWeb,
    contributes: { profileSections: [cases.profileSection], workProviders: createCasesWork(deps) },
  })
}
