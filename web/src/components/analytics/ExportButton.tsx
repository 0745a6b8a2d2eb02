import { DownloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Flex, Modal, Spin, Typography } from 'antd'
import { useRef, useState, type ReactNode } from 'react'
import { api, errorMessage } from '../../api/client'
import { fmtBytes } from './format'

type Query = Record<string, string | number | boolean | null | undefined>

interface State {
  phase: 'running' | 'failed'
  received: number
  error?: string
}

/**
 * Downloads an Excel export of the API (the session cookie goes along): shows "正在生成" with the
 * bytes received so far while the server builds and streams the file, can be cancelled, and shows
 * the server's error (in its zh-CN message) instead of saving an error page.
 */
export function ExportButton({
  path,
  query,
  label,
  fallbackName,
  icon,
  type,
  disabled,
  hint,
  testId,
}: {
  path: string
  query: Query
  label: string
  fallbackName: string
  icon?: ReactNode
  type?: 'primary' | 'default'
  disabled?: boolean
  /** Shown in the progress dialog (what the file contains). */
  hint?: ReactNode
  testId?: string
}) {
  const { message } = App.useApp()
  const [state, setState] = useState<State | null>(null)
  const ctrl = useRef<AbortController | null>(null)

  const start = async () => {
    const c = new AbortController()
    ctrl.current = c
    setState({ phase: 'running', received: 0 })
    try {
      const r = await api.download(path, query, { signal: c.signal, fallbackName, onProgress: (received) => setState({ phase: 'running', received }) })
      setState(null)
      message.success(`已下载 ${r.fileName}（${fmtBytes(r.size)}）`)
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') {
        setState(null)
        message.info('已取消导出')
        return
      }
      // A stream cut off mid-way surfaces as a network error: the file would be incomplete.
      setState({ phase: 'failed', received: 0, error: e instanceof TypeError ? '导出中断，文件不完整，请稍后重试' : errorMessage(e) })
    } finally {
      ctrl.current = null
    }
  }

  return (
    <>
      <Button
        icon={icon ?? <DownloadOutlined />}
        type={type}
        onClick={() => void start()}
        disabled={disabled || state?.phase === 'running'}
        data-testid={testId}
      >
        {label}
      </Button>
      <Modal
        open={!!state}
        title={label}
        closable={state?.phase !== 'running'}
        maskClosable={false}
        onCancel={() => setState(null)}
        footer={
          state?.phase === 'running' ? (
            <Button onClick={() => ctrl.current?.abort()}>取消</Button>
          ) : (
            <Flex gap={8} justify="flex-end">
              <Button onClick={() => setState(null)}>关闭</Button>
              <Button type="primary" onClick={() => void start()}>
                重试
              </Button>
            </Flex>
          )
        }
      >
        {state?.phase === 'running' ? (
          <Flex vertical align="center" gap={12} style={{ padding: '16px 0' }} data-testid="export-progress">
            <Spin />
            <Typography.Text>{state.received > 0 ? `正在下载… 已接收 ${fmtBytes(state.received)}` : '正在生成 Excel 文件，请稍候…'}</Typography.Text>
            {hint ? <Typography.Text type="secondary">{hint}</Typography.Text> : null}
          </Flex>
        ) : state?.phase === 'failed' ? (
          <Alert type="error" showIcon title="导出失败" description={state.error} data-testid="export-error" />
        ) : null}
      </Modal>
    </>
  )
}
