import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import type { WebPage } from '../../src/shared/web'

/**
 * The page components behind the modules' web routes (src/shared/<module>/menu.ts), loaded on
 * demand. Keyed by the declared page names: a page declared without a component here, or a component
 * no module declares, fails the type-check.
 */
export const PAGES: Record<WebPage, LazyExoticComponent<ComponentType>> = {
  MyWork: lazy(() => import('./pages/MyWork')),
  Messages: lazy(() => import('./pages/Messages')),
  Dashboard: lazy(() => import('./pages/Dashboard')),
  Tasks: lazy(() => import('./pages/Tasks')),
  ComplaintQueue: lazy(() => import('./pages/ComplaintQueue')),
  ComplaintDetail: lazy(() => import('./pages/ComplaintDetail')),
  ComplaintIntake: lazy(() => import('./pages/ComplaintIntake')),
  ComplaintSupervision: lazy(() => import('./pages/ComplaintSupervision')),
  ComplaintImport: lazy(() => import('./pages/ComplaintImport')),
  ComplaintAnswers: lazy(() => import('./pages/ComplaintAnswers')),
  PortalComplaint: lazy(() => import('./pages/PortalComplaint')),
  PortalTrack: lazy(() => import('./pages/PortalTrack')),
  ComplaintStats: lazy(() => import('./pages/ComplaintStats')),
  ComplaintDailyReport: lazy(() => import('./pages/ComplaintDailyReport')),
  ComplaintDashboard: lazy(() => import('./pages/ComplaintDashboard')),
  ComplaintAlerts: lazy(() => import('./pages/ComplaintAlerts')),
  DocumentPrint: lazy(() => import('./pages/DocumentPrint')),
  Entities: lazy(() => import('./pages/Entities')),
  EntityProfile: lazy(() => import('./pages/EntityProfile')),
  EntityImport: lazy(() => import('./pages/EntityImport')),
  Leads: lazy(() => import('./pages/Leads')),
  Cases: lazy(() => import('./pages/Cases')),
  CaseDetail: lazy(() => import('./pages/CaseDetail')),
  CasePublicity: lazy(() => import('./pages/CasePublicity')),
  CaseStats: lazy(() => import('./pages/CaseStats')),
  PenaltyPublic: lazy(() => import('./pages/PenaltyPublic')),
  CreditProposals: lazy(() => import('./pages/CreditProposals')),
  Inspections: lazy(() => import('./pages/Inspections')),
  InspectionTask: lazy(() => import('./pages/InspectionTask')),
  InspectionMine: lazy(() => import('./pages/InspectionMine')),
  InspectionVerify: lazy(() => import('./pages/InspectionVerify')),
  InspectionPublic: lazy(() => import('./pages/InspectionPublic')),
  Org: lazy(() => import('./pages/Org')),
  Users: lazy(() => import('./pages/Users')),
  Tokens: lazy(() => import('./pages/Tokens')),
  Calendar: lazy(() => import('./pages/Calendar')),
  Rules: lazy(() => import('./pages/Rules')),
  Audit: lazy(() => import('./pages/Audit')),
}
