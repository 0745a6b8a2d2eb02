import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Collapse, Form, Input, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import type { Health } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { DEMO_ACCOUNTS } from '../auth/demoAccounts'

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/'
  return next
}

interface LoginForm {
  username: string
  password: string
}

export function LoginPage() {
  const { me, login, expired: sessionEnded } = useAuth()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const [form] = Form.useForm<LoginForm>()
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [health, setHealth] = useState<Health | null>(null)
  const expired = params.get('expired') === '1' || sessionEnded

  useEffect(() => {
    const ctrl = new AbortController()
    api
      .get<Health>('/api/health', undefined, { signal: ctrl.signal, noAuthRedirect: true })
      .then(setHealth)
      .catch(() => setHealth(null))
    return () => ctrl.abort()
  }, [])

  if (me && !submitting) return <Navigate to={me.user.mustChangePassword ? '/change-password' : safeNext(params.get('next'))} replace />

  const onFinish = async (v: LoginForm) => {
    setSubmitting(true)
    setError(null)
    try {
      const m = await login(v.username.trim(), v.password)
      navigate(m.user.mustChangePassword ? '/change-password' : safeNext(params.get('next')), { replace: true })
    } catch (e) {
      setError(errorMessage(e))
      form.setFieldValue('password', '')
    } finally {
      setSubmitting(false)
    }
  }

  // The demo accounts' hint shows only where the server says it is a demo installation.
  const showDemo = !!health?.demo

  return (
    <div className="login-page">
      <div className="login-hero">
        <div className="login-hero-inner">
          <SafetyCertificateOutlined className="login-hero-icon" />
          <h1>监管</h1>
          <p>市场监督管理综合平台</p>
          <ul>
            <li>机构、人员与分级授权</li>
            <li>法定期限与工作日历</li>
            <li>全程留痕的审计日志</li>
          </ul>
        </div>
      </div>
      <div className="login-panel">
        <Card className="login-card" variant="borderless">
          <div className="login-title">
            <img src="/favicon.svg" alt="" width={40} height={40} />
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                用户登录
              </Typography.Title>
              <Typography.Text type="secondary">监管 · 市场监督管理综合平台</Typography.Text>
            </div>
          </div>
          {expired && !error ? <Alert type="info" showIcon title="登录已失效，请重新登录" style={{ marginBottom: 16 }} /> : null}
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
          <Form<LoginForm> form={form} name="login" layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
            <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              登 录
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="login-footnote">
            连续多次输错密码将锁定账号，请联系本单位系统管理员解锁。
          </Typography.Paragraph>
          {showDemo ? (
            <Collapse
              size="small"
              ghost
              className="demo-hint"
              items={[
                {
                  key: 'demo',
                  label: '演示账号',
                  children: (
                    <div>
                      <div className="demo-accounts">
                        {DEMO_ACCOUNTS.map((a) => (
                          <Tag
                            key={a.username}
                            className="demo-account"
                            onClick={() => form.setFieldValue('username', a.username)}
                            title={`填入 ${a.username}`}
                          >
                            <b>{a.username}</b> {a.label}
                          </Tag>
                        ))}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        点击用户名可填入。演示密码见服务器启动时输出的提示。
                      </Typography.Text>
                    </div>
                  ),
                },
              ]}
            />
          ) : null}
        </Card>
      </div>
    </div>
  )
}
