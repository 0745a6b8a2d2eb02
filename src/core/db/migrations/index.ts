import type { Migration } from 'kysely'
import * as m20261121000000 from './20261121000000_core'
import * as m20261121010000 from './20261121010000_entities'
import * as m20261122000000 from './20261122000000_enforcement'
import * as m20261122010000 from './20261122010000_complaints'
import * as m20261122020000 from './20261122020000_inspections'
import * as m20261122030000 from './20261122030000_complaint_analytics'
import * as m20261123000000 from './20261123000000_complaint_partial_indexes'
import * as m20261123010000 from './20261123010000_inspection_assignment_entity_index'
import * as m20261124000000 from './20261124000000_complaint_intake_indexes'
import * as m20261206010000 from './20261206010000_login_failures'
import * as m20261206030000 from './20261206030000_complaint_reporter_mask_duplicates'
import * as m20261206040000 from './20261206040000_complaint_answers_portal'
import * as m20261206070000 from './20261206070000_inspection_task_void'
import * as m20261206080000 from './20261206080000_complaint_monthly_stat'
import * as m20261207010000 from './20261207010000_matter_versions'
import * as m20261207020000 from './20261207020000_matter_clock'
import * as m20261207020100 from './20261207020100_complaint_clock_backfill'
import * as m20261207030000 from './20261207030000_documents'
import * as m20261207040000 from './20261207040000_jobs'
import * as m20261207050000 from './20261207050000_messages'
import * as m20261208010000 from './20261208010000_import_issue'
import * as m20261208020000 from './20261208020000_attachments'
import * as m20261208040000 from './20261208040000_complaint_legacy_due_drop'
import * as m20261208060000 from './20261208060000_cases'
import * as m20261209010000 from './20261209010000_import_run'
import * as m20261209020000 from './20261209020000_case_publicity'
import * as m20261209030000 from './20261209030000_matter_approvals'
import * as m20261209040000 from './20261209040000_credit_annual_reports'
import * as m20261209050000 from './20261209050000_sampling'
import * as m20261209060000 from './20261209060000_entity_gram_index_tuning'
import * as m20261210010000 from './20261210010000_case_investigation'
import * as m20261210020000 from './20261210020000_case_decision_stage'
import * as m20261210030000 from './20261210030000_credit_reminders'
import * as m20261210040000 from './20261210040000_credit_serious_repair'
import * as m20261210050000 from './20261210050000_sampling_stats_index'
import * as m20261210060000 from './20261210060000_case_officer_open'
import * as m20261210070000 from './20261210070000_collection'

/** Every migration, in order. Add new ones at the end; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '20261121000000_core': m20261121000000,
  '20261121010000_entities': m20261121010000,
  '20261122000000_enforcement': m20261122000000,
  '20261122010000_complaints': m20261122010000,
  '20261122020000_inspections': m20261122020000,
  '20261122030000_complaint_analytics': m20261122030000,
  '20261123000000_complaint_partial_indexes': m20261123000000,
  '20261123010000_inspection_assignment_entity_index': m20261123010000,
  '20261124000000_complaint_intake_indexes': m20261124000000,
  '20261206010000_login_failures': m20261206010000,
  '20261206030000_complaint_reporter_mask_duplicates': m20261206030000,
  '20261206040000_complaint_answers_portal': m20261206040000,
  '20261206070000_inspection_task_void': m20261206070000,
  '20261206080000_complaint_monthly_stat': m20261206080000,
  '20261207010000_matter_versions': m20261207010000,
  '20261207020000_matter_clock': m20261207020000,
  '20261207020100_complaint_clock_backfill': m20261207020100,
  '20261207030000_documents': m20261207030000,
  '20261207040000_jobs': m20261207040000,
  '20261207050000_messages': m20261207050000,
  '20261208010000_import_issue': m20261208010000,
  '20261208020000_attachments': m20261208020000,
  '20261208040000_complaint_legacy_due_drop': m20261208040000,
  '20261208060000_cases': m20261208060000,
  '20261209010000_import_run': m20261209010000,
  '20261209020000_case_publicity': m20261209020000,
  '20261209030000_matter_approvals': m20261209030000,
  '20261209040000_credit_annual_reports': m20261209040000,
  '20261209050000_sampling': m20261209050000,
  '20261209060000_entity_gram_index_tuning': m20261209060000,
  '20261210010000_case_investigation': m20261210010000,
  '20261210020000_case_decision_stage': m20261210020000,
  '20261210030000_credit_reminders': m20261210030000,
  '20261210040000_credit_serious_repair': m20261210040000,
  '20261210050000_sampling_stats_index': m20261210050000,
  '20261210060000_case_officer_open': m20261210060000,
  '20261210070000_collection': m20261210070000,
}
