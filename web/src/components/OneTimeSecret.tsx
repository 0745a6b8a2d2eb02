import { CheckOutlined, CopyOutlined } from '@ant-design/icons'
import { Alert, Button, Input, Modal, Space, Typography } from 'antd'
import { useState } from 'react'

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // fall through to the selection fallback
  }
  const ta = document.createElement('textarea')
  ta.value = text
  ta.setAttribute('readonly', '')
  ta.style.position = 'fixed'
  ta.style.opacity = '0'
  document.body.appendChild(ta)
  ta.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  document.body.removeChild(ta)
  return ok
}

export interface OneTimeSecretInfo {
  title: string
  /** What the secret is for, e.g. "用户 张三（zhangsan）的初始密码". */
  subject: string
  secret: string
  hint?: string
}

/**
 * Shows a secret the server returns only once (initial password, API token). The user must
 * confirm they saved it before the dialog closes.
 */
export function OneTimeSecretModal({ info, onClose }: { info: OneTimeSecretInfo | null; onClose: () => void }) {
  const [copied, setCopied] = useState(false)
  const [failed, setFailed] = useState(false)
  return (
    <Modal
      open={!!info}
      title={info?.title}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (!open) {
          setCopied(false)
          setFailed(false)
        }
      }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="secret-done">
          我已妥善保存
        </Button>
      }
    >
      {info ? (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Text>{info.subject}</Typography.Text>
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={info.secret} data-testid="one-time-secret" className="secret-input" onFocus={(e) => e.target.select()} />
            <Button
              type={copied ? 'default' : 'primary'}
              icon={copied ? <CheckOutlined /> : <CopyOutlined />}
              onClick={async () => {
                const ok = await copyText(info.secret)
                setCopied(ok)
                setFailed(!ok)
              }}
            >
              {copied ? '已复制' : '复制'}
            </Button>
          </Space.Compact>
          {failed ? <Typography.Text type="danger">无法自动复制，请选中上面的内容后按 Ctrl+C 复制。</Typography.Text> : null}
          <Alert type="warning" showIcon title="此内容只显示这一次" description={info.hint ?? '关闭后无法再次查看，请立即复制并通过安全渠道交给使用人。'} />
        </Space>
      ) : null}
    </Modal>
  )
}
