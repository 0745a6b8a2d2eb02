import { App as AntdApp, ConfigProvider, Flex, Spin, theme } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { lazy, Suspense, type ReactNode } from 'react'
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom'
import { AuthProvider, useAuth } from './auth/AuthContext'
import { AppLayout } from './components/AppLayout'
import { RequirePermission } from './components/RequirePermission'
import { ChangePasswordPage } from './pages/ChangePassword'
import { LoginPage } from './pages/Login'
import { NotFoundPage } from './pages/NotFound'
import { landingPath } from './components/work/landing'

dayjs.locale('zh-cn')

const DashboardPage = lazy(() => import('./pages/Dashboard'))
const MyWorkPage = lazy(() => import('./pages/MyWork'))
const MessagesPage = lazy(() => import('./pages/Messages'))
const OrgPage = lazy(() => import('./pages/Org'))
const UsersPage = lazy(() => import('./pages/Users'))
const TokensPage = lazy(() => import('./pages/Tokens'))
const CalendarPage = lazy(() => import('./pages/Calendar'))
const RulesPage = lazy(() => import('./pages/Rules'))
const AuditPage = lazy(() => import('./pages/Audit'))
const EntitiesPage = lazy(() => import('./pages/Entities'))
const EntityProfilePage = lazy(() => import('./pages/EntityProfile'))
const EntityImportPage = lazy(() => import('./pages/EntityImport'))
const InspectionsPage = lazy(() => import('./pages/Inspections'))
const InspectionTaskPage = lazy(() => import('./pages/InspectionTask'))
const InspectionMinePage = lazy(() => import('./pages/InspectionMine'))
const InspectionVerifyPage = lazy(() => import('./pages/InspectionVerify'))
const InspectionPublicPage = lazy(() => import('./pages/InspectionPublic'))
const ComplaintQueuePage = lazy(() => import('./pages/ComplaintQueue'))
const ComplaintIntakePage = lazy(() => import('./pages/ComplaintIntake'))
const ComplaintDetailPage = lazy(() => import('./pages/ComplaintDetail'))
const ComplaintSupervisionPage = lazy(() => import('./pages/ComplaintSupervision'))
const ComplaintImportPage = lazy(() => import('./pages/ComplaintImport'))
const ComplaintStatsPage = lazy(() => import('./pages/ComplaintStats'))
const ComplaintDailyReportPage = lazy(() => import('./pages/ComplaintDailyReport'))
const ComplaintDashboardPage = lazy(() => import('./pages/ComplaintDashboard'))
const ComplaintAlertsPage = lazy(() => import('./pages/ComplaintAlerts'))
const ComplaintAnswersPage = lazy(() => import('./pages/ComplaintAnswers'))
const LeadsPage = lazy(() => import('./pages/Leads'))
const CasesPage = lazy(() => import('./pages/Cases'))
const CaseDetailPage = lazy(() => import('./pages/CaseDetail'))
const CreditProposalsPage = lazy(() => import('./pages/CreditProposals'))
const PortalComplaintPage = lazy(() => import('./pages/PortalComplaint'))
const PortalTrackPage = lazy(() => import('./pages/PortalTrack'))
const DocumentPrintPage = lazy(() => import('./pages/DocumentPrint'))
const TasksPage = lazy(() => import('./pages/Tasks'))

function FullPageSpin() {
  return (
    <Flex justify="center" align="center" style={{ height: '100vh' }}>
      <Spin size="large" description="正在加载…" />
    </Flex>
  )
}

/** Pages behind login: nobody → login page; a forced password change → that page only. */
function RequireSession({ children }: { children: ReactNode }) {
  const { me, expired } = useAuth()
  const location = useLocation()
  if (me === undefined) return <FullPageSpin />
  if (me === null) {
    const next = location.pathname + location.search
    const q = new URLSearchParams()
    if (next !== '/') q.set('next', next)
    if (expired) q.set('expired', '1')
    const qs = q.toString()
    return <Navigate to={qs ? `/login?${qs}` : '/login'} replace />
  }
  if (me.user.mustChangePassword) return <Navigate to="/change-password" replace />
  return <>{children}</>
}

/** Every role lands on its own work: the to-do list, or the administrators' pages. */
function Landing() {
  const { can } = useAuth()
  return <Navigate to={landingPath(can)} replace />
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/public/inspections"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <InspectionPublicPage />
          </Suspense>
        }
      />
      <Route
        path="/public/12315"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PortalComplaintPage />
          </Suspense>
        }
      />
      <Route
        path="/public/12315/track"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PortalTrackPage />
          </Suspense>
        }
      />
      <Route path="/change-password" element={<ChangePasswordPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<Landing />} />
        <Route path="work" element={<MyWorkPage />} />
        <Route path="messages" element={<MessagesPage />} />
        <Route path="overview" element={<DashboardPage />} />
        <Route path="tasks" element={<TasksPage />} />
        <Route
          path="entities"
          element={
            <RequirePermission perm="entity.read">
              <EntitiesPage />
            </RequirePermission>
          }
        />
        <Route
          path="entities/:id"
          element={
            <RequirePermission perm="entity.read">
              <EntityProfilePage />
            </RequirePermission>
          }
        />
        <Route
          path="entity-import"
          element={
            <RequirePermission perm="entity.import">
              <EntityImportPage />
            </RequirePermission>
          }
        />
        <Route
          path="inspections"
          element={
            <RequirePermission perm={'inspection.read'}>
              <InspectionsPage />
            </RequirePermission>
          }
        />
        <Route
          path="inspections/tasks/:id"
          element={
            <RequirePermission perm={'inspection.read'}>
              <InspectionTaskPage />
            </RequirePermission>
          }
        />
        <Route
          path="inspection-mine"
          element={
            <RequirePermission perm={'inspection.result'}>
              <InspectionMinePage />
            </RequirePermission>
          }
        />
        <Route
          path="inspection-verify"
          element={
            <RequirePermission perm={'inspection.read'}>
              <InspectionVerifyPage />
            </RequirePermission>
          }
        />
        <Route
          path="complaints"
          element={
            <RequirePermission perm="complaint.read">
              <ComplaintQueuePage />
            </RequirePermission>
          }
        />
        <Route
          path="complaints/:id"
          element={
            <RequirePermission perm="complaint.read">
              <ComplaintDetailPage />
            </RequirePermission>
          }
        />
        <Route path="documents/:id" element={<DocumentPrintPage />} />
        <Route
          path="complaint-intake"
          element={
            <RequirePermission perm="complaint.intake">
              <ComplaintIntakePage />
            </RequirePermission>
          }
        />
        <Route
          path="complaint-supervision"
          element={
            <RequirePermission perm="complaint.read">
              <ComplaintSupervisionPage />
            </RequirePermission>
          }
        />
        <Route
          path="complaint-import"
          element={
            <RequirePermission perm="complaint.import">
              <ComplaintImportPage />
            </RequirePermission>
          }
        />
        <Route
          path="complaint-stats"
          element={
            <RequirePermission perm="complaint.stats">
              <ComplaintStatsPage />
            </RequirePermission>
          }
        />
        <Route
          path="complaint-daily"
          element={
            <RequirePermission perm="complaint.stats">
              <ComplaintDailyReportPage />
            </RequirePermission>
          }
        />
        <Route
          path="complaint-dashboard"
          element={
            <RequirePermission perm="complaint.stats">
              <ComplaintDashboardPage />
            </RequirePermission>
          }
        />
        <Route
          path="complaint-alerts"
          element={
            <RequirePermission perm="complaint.stats">
              <ComplaintAlertsPage />
            </RequirePermission>
          }
        />
        <Route
          path="complaint-answers"
          element={
            <RequirePermission perm="complaint.knowledge">
              <ComplaintAnswersPage />
            </RequirePermission>
          }
        />
        <Route
          path="leads"
          element={
            <RequirePermission perm="lead.read">
              <LeadsPage />
            </RequirePermission>
          }
        />
        <Route
          path="cases"
          element={
            <RequirePermission perm="case.read">
              <CasesPage />
            </RequirePermission>
          }
        />
        <Route
          path="cases/:id"
          element={
            <RequirePermission perm="case.read">
              <CaseDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="credit-proposals"
          element={
            <RequirePermission perm="credit.read">
              <CreditProposalsPage />
            </RequirePermission>
          }
        />
        <Route
          path="org"
          element={
            <RequirePermission perm="org.read">
              <OrgPage />
            </RequirePermission>
          }
        />
        <Route
          path="users"
          element={
            <RequirePermission perm="user.read">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="tokens"
          element={
            <RequirePermission perm="token.manage">
              <TokensPage />
            </RequirePermission>
          }
        />
        <Route
          path="calendar"
          element={
            <RequirePermission perm="calendar.read">
              <CalendarPage />
            </RequirePermission>
          }
        />
        <Route
          path="rules"
          element={
            <RequirePermission perm="rule.read">
              <RulesPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission perm="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1f5fbf',
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
        },
        components: { Layout: { siderBg: '#001529', headerBg: '#ffffff' } },
      }}
    >
      <AntdApp message={{ maxCount: 3 }}>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </AntdApp>
    </ConfigProvider>
  )
}
