import { Typography } from 'antd'
import { useEffect, useState } from 'react'
import { api } from '../api/client'
import type { components } from '../api/openapi.gen'

export type PublicSite = components['schemas']['PublicSite']

let cached: Promise<PublicSite | null> | null = null
/** The bureau and the site's filing numbers, loaded once per page load for every public page. */
export function usePublicSite(): PublicSite | null {
  const [site, setSite] = useState<PublicSite | null>(null)
  useEffect(() => {
    cached ??= api.get<PublicSite>('/api/public/site', undefined, { noAuthRedirect: true }).catch(() => null)
    let live = true
    void cached.then((s) => live && setSite(s))
    return () => {
      live = false
    }
  }, [])
  return site
}

/** The footer of a government website on every public page: sponsor, hotline, privacy, filing numbers. */
export function PublicFooter() {
  const site = usePublicSite()
  return (
    <footer className="public-footer" data-testid="public-footer">
      <div>
        主办单位：{site?.bureauName ?? '市场监督管理局'}
        {site?.centreName ? <span> · 承办：{site.centreName}</span> : null}
      </div>
      <div>
        服务热线：{site?.hotline ?? '12315'} · <a href="/public/12315#privacy">个人信息保护说明</a> · <a href="/public/12315">投诉举报</a> ·{' '}
        <a href="/public/inspections">双随机抽查公示</a>
      </div>
      {site?.icp || site?.govId ? (
        <div>
          {site.govId ? <span>网站标识码：{site.govId}</span> : null}
          {site.icp && site.govId ? ' · ' : null}
          {site.icp ? (
            <a href="https://beian.miit.gov.cn/" target="_blank" rel="noreferrer">
              {site.icp}
            </a>
          ) : null}
        </div>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        本网站为政府网站，请勿轻信冒充市场监管部门的电话、短信和网站。
      </Typography.Text>
    </footer>
  )
}
