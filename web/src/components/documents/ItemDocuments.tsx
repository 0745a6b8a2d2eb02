import { FileTextOutlined, PrinterOutlined } from '@ant-design/icons'
import { App, Button, Card, Dropdown, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { api, errorMessage } from '../../api/client'
import { useAuth } from '../../auth/AuthContext'
import { P, type ItemDetail } from '../complaint/types'
import { useLoad } from '../hooks'
import type { DocumentMeta } from './types'

/** The documents the item's decisions call for (the server checks again and refuses the rest). */
function issuableKinds(d: ItemDetail): Array<{ key: string; label: string }> {
  const out: Array<{ key: string; label: string }> = []
  if (d.type === 'complaint') {
    if (d.accepted === true) out.push({ key: 'acceptance', label: '受理告知书' })
    if (d.accepted === false) out.push({ key: 'non_acceptance', label: '不予受理告知书' })
    if (d.terminationGround) out.push({ key: 'termination', label: '终止调解告知书' })
    if (d.outcome === 'agreement_with_doc') out.push({ key: 'mediation', label: '调解书' })
  }
  // Real-name reporters only (Order 20 Art 31): an anonymous report has nobody to notify.
  if (d.type === 'report' && !d.anonymous) {
    if (d.outcome === 'filed') out.push({ key: 'report_filed', label: '举报立案告知书' })
    if (d.outcome === 'not_filed') out.push({ key: 'report_not_filed', label: '举报不予立案告知书' })
  }
  if (d.type !== 'consultation' && d.state === 'closed' && !(d.type === 'report' && d.anonymous)) out.push({ key: 'closure', label: '办结告知书' })
  return out
}

/** The item's issued documents (文号, 成文日期) with links to the print view, and issuing the ones due. */
export function ItemDocuments({ item }: { item: ItemDetail }) {
  const { can } = useAuth()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [busy, setBusy] = useState(false)
  const list = useLoad((signal) => api.get<{ items: DocumentMeta[] }>(`/api/complaints/${item.id}/documents`, undefined, { signal }), [item.id, item.version])
  const issued = list.data?.items ?? []
  const pending = issuableKinds(item).filter((k) => !issued.some((x) => x.kind === `complaint.${k.key}` && !x.voided))
  const issue = async (kind: string) => {
    setBusy(true)
    try {
      const doc = await api.post<DocumentMeta>(`/api/complaints/${item.id}/documents/${kind}`)
      navigate(`/documents/${doc.id}`)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const canIssue = can(P.handle) && pending.length > 0
  if (!issued.length && !canIssue) return null
  return (
    <Card
      size="small"
      className="filter-card"
      title={`文书（${issued.length}）`}
      data-testid="item-documents"
      extra={
        canIssue ? (
          <Dropdown menu={{ items: pending.map((k) => ({ key: k.key, label: k.label, icon: <FileTextOutlined /> })), onClick: (e) => void issue(e.key) }}>
            <Button size="small" loading={busy} data-testid="issue-document">
              出具文书
            </Button>
          </Dropdown>
        ) : null
      }
    >
      <Table<DocumentMeta>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={issued}
        loading={list.loading}
        locale={{ emptyText: '尚未出具文书' }}
        columns={[
          {
            title: '文书',
            dataIndex: 'title',
            render: (v: string, r) => (
              <>
                {v}
                {r.voided ? (
                  <Tag color="default" style={{ marginLeft: 4 }}>
                    已作废
                  </Tag>
                ) : null}
              </>
            ),
          },
          { title: '文号', dataIndex: 'docNo', render: (v: string | null) => v ?? '—' },
          { title: '成文日期', dataIndex: 'issueDateText' },
          {
            title: '',
            key: 'open',
            width: 90,
            render: (_: unknown, r) => (
              <Link to={`/documents/${r.id}`} data-testid={`document-${r.kind}`}>
                <PrinterOutlined /> 打印
              </Link>
            ),
          },
        ]}
      />
      {list.error ? <Typography.Text type="danger">{list.error}</Typography.Text> : null}
    </Card>
  )
}
