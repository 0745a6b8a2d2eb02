import { api, errorMessage } from '../api/client'
import type { ServerJson } from '../api/server'

type Started = ServerJson<'/api/jobs', 'post'>
interface Messenger {
  success(content: React.ReactNode, duration?: number): unknown
  error(content: React.ReactNode, duration?: number): unknown
}

/**
 * Starts a background export (POST /api/jobs) and tells the user where the file will be: a message
 * with a link to 任务中心 (`navigate` from the page's router). Resolves to the job, or null when it could not be started (message shown).
 */
export async function startExportJob(
  message: Messenger,
  navigate: (to: string) => void | Promise<void>,
  kind: 'complaint.export' | 'entity.export',
  payload: Record<string, unknown>,
): Promise<Started | null> {
  try {
    const job = await api.post<Started>('/api/jobs', { kind, payload })
    message.success(
      <span data-testid="export-job-started">
        已在后台开始“{job.label}”，完成后到 {/* The message renders outside the router: a plain link that navigates in the app. */}
        <a
          href="/tasks"
          onClick={(e) => {
            e.preventDefault()
            void navigate('/tasks')
          }}
        >
          任务中心
        </a>{' '}
        下载
      </span>,
      6,
    )
    return job
  } catch (e) {
    message.error(`导出失败：${errorMessage(e)}`)
    return null
  }
}
