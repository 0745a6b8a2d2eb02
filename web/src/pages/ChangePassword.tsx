import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Flex, Form, Input, Spin, Typography } from 'antd'
import { useState } from 'react'
import { Navigate, useNavigate } from 'react-router-dom'
import { api } from '../api/client'
import { useAuth } from '../auth/AuthContext'
import { applyServerError } from '../components/formError'

interface PasswordForm {
  oldPassword: string
  newPassword: string
  confirm: string
}

/** Mirrors the server's policy so most mistakes show before submitting; the server has the last word. */
export function localPasswordProblems(pw: string, username: string): string[] {
  const out: string[] = []
  if (pw.length < 10) out.push('至少 10 位')
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length
  if (classes < 3) out.push('须包含大写字母、小写字母、数字、符号中的至少三类')
  if (username.length >= 3 && pw.toLowerCase().includes(username.toLowerCase())) out.push('不能包含用户名')
  return out
}

export function ChangePasswordPage() {
  const { me, refresh, logout } = useAuth()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const [form] = Form.useForm<PasswordForm>()
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)

  if (me === undefined) {
    return (
      <Flex justify="center" align="center" style={{ height: '100vh' }}>
        <Spin size="large" />
      </Flex>
    )
  }
  if (me === null) return <Navigate to="/login" replace />
  const forced = me.user.mustChangePassword

  const onFinish = async (v: PasswordForm) => {
    setSubmitting(true)
    setError(null)
    try {
      await api.post('/api/auth/password', { oldPassword: v.oldPassword, newPassword: v.newPassword })
      await refresh()
      message.success('密码已修改，其他设备上的登录已失效')
      navigate('/', { replace: true })
    } catch (e) {
      const msg = applyServerError(form, e)
      if (msg.includes('原密码')) form.setFields([{ name: 'oldPassword', errors: [msg] }])
      else setError(msg)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <div className="center-page">
      <Card
        className="narrow-card"
        title={forced ? '请先修改密码' : '修改密码'}
        extra={
          forced ? null : (
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              返回
            </Button>
          )
        }
      >
        {forced ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="您正在使用初始密码或管理员重置的密码"
            description="为保障账号安全，修改密码后才能使用平台功能。"
          />
        ) : null}
        <Typography.Paragraph type="secondary">
          账号：{me.user.displayName}（{me.user.username}）。新密码至少 10
          位，包含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名，不能是常见密码（如 Password123）。
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            tooltip="至少 10 位，包含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名，不能是常见密码"
            rules={[
              { required: true, message: '请输入新密码' },
              {
                validator: async (_r, v: string | undefined) => {
                  if (!v) return
                  const p = localPasswordProblems(v, me.user.username)
                  if (p.length) throw new Error('新密码' + p.join('；'))
                },
              },
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: async (_r, v: string | undefined) => {
                  if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致')
                },
              }),
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Flex gap={8} justify="space-between">
            {forced ? <Button onClick={() => void logout()}>退出登录</Button> : <span />}
            <Button type="primary" htmlType="submit" loading={submitting}>
              确认修改
            </Button>
          </Flex>
        </Form>
      </Card>
    </div>
  )
}
