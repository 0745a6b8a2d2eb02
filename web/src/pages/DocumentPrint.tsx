import { PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Flex, Spin, Typography } from 'antd'
import { useRef } from 'react'
import { useParams } from 'react-router-dom'
import { api } from '../api/client'
import type { DocumentMeta } from '../components/documents/types'
import { useLoad } from '../components/hooks'
import { fmtDateTime } from '../components/labels'
import { PageHeader } from '../components/PageHeader'

/** The archived copy as served (text/html); the server's error body becomes the message. */
async function archivedHtml(id: string, signal: AbortSignal): Promise<string> {
  const res = await fetch(`/api/documents/${id}/content`, { credentials: 'same-origin', signal })
  const text = await res.text()
  if (!res.ok) {
    let msg = '无法读取文书存档'
    try {
      msg = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? msg
    } catch {
      // not JSON
    }
    throw new Error(msg)
  }
  return text
}

/**
 * Print view of an issued document: the archived copy exactly as issued (never re-rendered), on an
 * A4 preview, with its number, date and hash fingerprint. 打印 prints the document frame only.
 */
export default function DocumentPrintPage() {
  const { id = '' } = useParams()
  const frame = useRef<HTMLIFrameElement>(null)
  const meta = useLoad((signal) => api.get<DocumentMeta>(`/api/documents/${id}`, undefined, { signal }), [id])
  const html = useLoad((signal) => archivedHtml(id, signal), [id])
  const print = () => {
    const w = frame.current?.contentWindow
    if (w) w.print()
    else window.print()
  }
  if (meta.loading) return <Spin />
  if (meta.error || !meta.data) return <Alert type="error" showIcon message={meta.error ?? '文书不存在'} />
  const d = meta.data
  return (
    <div className="page" data-testid="document-print">
      <PageHeader title={d.title} docTitle={`${d.docNo ?? ''} ${d.title}`} subtitle={d.issuingUnit.name} />
      <Card size="small" className="filter-card">
        <Flex justify="space-between" align="start" wrap gap={12}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ flex: 1 }}>
            <Descriptions.Item label="文号">
              <span data-testid="doc-no">{d.docNo ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label="成文日期">
              <span data-testid="doc-date">{d.issueDateText}</span>
            </Descriptions.Item>
            <Descriptions.Item label="出具单位">
              <span data-testid="doc-unit">{d.issuingUnit.name}</span>
            </Descriptions.Item>
            <Descriptions.Item label="出具人">
              {d.issuedByName}（{fmtDateTime(d.issuedAt)}）
            </Descriptions.Item>
            {d.legalBasis ? (
              <Descriptions.Item label="依据" span={2}>
                {d.legalBasis}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Button type="primary" icon={<PrinterOutlined />} onClick={print} disabled={!html.data} data-testid="print">
            打印
          </Button>
        </Flex>
        {d.voided ? <Alert type="warning" showIcon style={{ marginTop: 8 }} message={`本文书已作废：${d.voidReason ?? ''}`} /> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }} data-testid="doc-hash">
          存档指纹 SHA-256：{d.sha256}（重印均为存档副本，与出具时逐字节一致）
        </Typography.Text>
      </Card>
      {html.error ? <Alert type="error" showIcon message={html.error} /> : null}
      {html.data ? (
        // No scripts in the frame: the archived copy is static markup; same origin lets 打印 reach it.
        <iframe
          ref={frame}
          title={`${d.docNo ?? ''} ${d.title}`}
          srcDoc={html.data}
          sandbox="allow-same-origin allow-modals"
          data-testid="doc-frame"
          style={{ width: '100%', maxWidth: 900, height: 1200, border: '1px solid #ddd', background: '#f0f0f0', display: 'block', margin: '0 auto' }}
        />
      ) : html.loading ? (
        <Spin />
      ) : null}
    </div>
  )
}
