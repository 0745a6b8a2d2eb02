import { Flex, Layout, Segmented, Typography } from 'antd'
import { useEffect, type ReactNode } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'
import { PublicFooter, usePublicSite } from '../PublicFooter'
import './complaint.css'

/** The public portal's frame (no login, no staff menu): mobile first, zh-CN. */
export function PortalShell({ title, children }: { title: string; children: ReactNode }) {
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const site = usePublicSite()
  useEffect(() => {
    document.title = `${title} · 12315 投诉举报`
  }, [title])
  const tab = pathname.startsWith('/public/12315/track') ? 'track' : 'submit'
  return (
    <Layout className="portal-shell">
      <Layout.Header className="portal-header">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <div style={{ minWidth: 0, lineHeight: 1.3 }}>
          <h1>12315 投诉举报（网上受理）</h1>
          {site?.bureauName ? (
            <div className="portal-bureau" data-testid="portal-bureau">
              {site.bureauName}
            </div>
          ) : null}
        </div>
      </Layout.Header>
      <Layout.Content className="portal-content">
        <Segmented
          block
          value={tab}
          onChange={(v) => navigate(v === 'track' ? '/public/12315/track' : '/public/12315')}
          options={[
            { value: 'submit', label: '投诉 · 举报 · 咨询' },
            { value: 'track', label: '查询办理进度' },
          ]}
          style={{ marginBottom: 12 }}
        />
        {children}
        <Flex vertical align="center" gap={4} style={{ marginTop: 20 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
            紧急情况请拨打 12315 热线。您的个人信息依法保密，举报人信息不会透露给被举报人。
          </Typography.Text>
        </Flex>
        <PublicFooter />
      </Layout.Content>
    </Layout>
  )
}
