import type { CoreDeps } from '../../core/deps'
import { defineModule } from '../../core/module'
import { caseWorkflow } from '../../shared/cases/case.workflow'
import { casesWeb } from '../../shared/cases/menu'
import { casesRoutes } from './cases.routes'
import type { CasesService } from './cases.service'
import { CASE_TEMPLATES } from './cases.templates'
import { createCasesWork } from './cases.work'

/** 行政处罚案件: the case file from 立案 to 结案, its clocks and documents, the handlers' cases and the entity file's section. */
export function casesManifest(cases: CasesService, deps: Pick<CoreDeps, 'db'>) {
  return defineModule({
    name: 'cases',
    label: '行政处罚案件',
    permissions: ['case.read', 'case.handle', 'case.approve'],
    routes: [{ prefixes: ['/cases'], plugin: casesRoutes(cases) }],
    workflows: [caseWorkflow],
    templates: CASE_TEMPLATES,
    web: casesWeb,
    contributes: { profileSections: [cases.profileSection], workProviders: createCasesWork(deps) },
  })
}
