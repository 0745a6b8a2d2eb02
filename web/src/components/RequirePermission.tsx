import { Button, Result } from 'antd'
import type { ReactNode } from 'react'
import { useNavigate } from 'react-router-dom'
import type { Permission } from '../api/types'
import { useAuth } from '../auth/AuthContext'

export function Forbidden({ text }: { text?: string }) {
  const navigate = useNavigate()
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle={text ?? '您的账号没有访问此页面的权限，如需开通请联系本单位系统管理员。'}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  )
}

export function RequirePermission({ perm, children }: { perm: Permission; children: ReactNode }) {
  const { can } = useAuth()
  return can(perm) ? <>{children}</> : <Forbidden />
}
