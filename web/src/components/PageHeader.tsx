import { Flex, Typography } from 'antd'
import { useEffect, type ReactNode } from 'react'

/** The page's heading; also names the browser tab ("机构管理 · 监管"). */
export function PageHeader({ title, docTitle, subtitle, extra }: { title: string; docTitle?: string; subtitle?: ReactNode; extra?: ReactNode }) {
  const tab = docTitle ?? title
  useEffect(() => {
    document.title = `${tab} · 监管`
    return () => {
      document.title = '监管 · 市场监督管理综合平台'
    }
  }, [tab])
  return (
    <Flex className="page-header" justify="space-between" align="flex-end" wrap gap={12}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? (
          <Typography.Text type="secondary" className="page-subtitle">
            {subtitle}
          </Typography.Text>
        ) : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  )
}
