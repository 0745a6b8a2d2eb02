import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons'
import { Alert, Button, Flex, Input, Modal, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../api/client'
import type { UsccCheck } from '../api/types'
import { ENTITY_KIND_OPTIONS } from './labels'

const MAX = 1000

/** 批量校验代码: paste codes one per line, see the check of each (POST /api/uscc/validate). */
export function UsccBatchModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [text, setText] = useState('')
  const [rows, setRows] = useState<(UsccCheck & { line: number })[] | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const codes = text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)

  const run = async () => {
    setError(null)
    if (!codes.length) {
      setError('请粘贴至少一个代码，每行一个')
      return
    }
    if (codes.length > MAX) {
      setError(`一次最多校验 ${MAX} 个代码，当前 ${codes.length} 个`)
      return
    }
    setLoading(true)
    try {
      const r = await api.post<{ items: UsccCheck[] }>('/api/uscc/validate', { codes })
      setRows(r.items.map((c, i) => ({ ...c, line: i + 1 })))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setLoading(false)
    }
  }

  const bad = rows?.filter((r) => !r.valid).length ?? 0

  return (
    <Modal
      open={open}
      title="批量校验统一社会信用代码"
      width={860}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (!o) {
          setText('')
          setRows(null)
          setError(null)
        }
      }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        按 GB 32100 校验第 18 位校验码、第 9–17 位组织机构代码及其校验位、登记管理部门和类别代码、行政区划码。每行一个，最多 {MAX} 个。
      </Typography.Paragraph>
      <Input.TextArea
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={'91410800MA00000001\n92410821MA0000007Y'}
        className="mono"
        id="uscc-batch-input"
      />
      <Flex justify="space-between" align="center" style={{ margin: '12px 0' }}>
        <Typography.Text type="secondary">已输入 {codes.length} 个代码</Typography.Text>
        <Space>
          <Button onClick={() => (setText(''), setRows(null))}>清空</Button>
          <Button type="primary" loading={loading} onClick={run} data-testid="uscc-batch-run">
            校验
          </Button>
        </Space>
      </Flex>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {rows ? (
        <>
          <Alert
            type={bad ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 8 }}
            title={bad ? `共 ${rows.length} 个，其中 ${bad} 个不通过` : `共 ${rows.length} 个，全部通过`}
          />
          <Table<UsccCheck & { line: number }>
            size="small"
            rowKey="line"
            dataSource={rows}
            pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
            data-testid="uscc-batch-result"
            columns={[
              { title: '行', dataIndex: 'line', width: 50 },
              { title: '代码', dataIndex: 'code', width: 200, render: (c: string) => <Typography.Text className="mono">{c}</Typography.Text> },
              {
                title: '结果',
                dataIndex: 'valid',
                width: 90,
                render: (v: boolean) =>
                  v ? (
                    <span className="uscc-ok">
                      <CheckCircleFilled /> 通过
                    </span>
                  ) : (
                    <span className="uscc-bad">
                      <CloseCircleFilled /> 不通过
                    </span>
                  ),
              },
              {
                title: '说明',
                key: 'reason',
                render: (_v, r) =>
                  r.valid ? (
                    <>
                      <Typography.Text type="secondary">{ENTITY_KIND_OPTIONS.find((o) => o.value === r.kind)?.label ?? ''}</Typography.Text>
                      {/* A retired division code (positions 3–8) does not make a code invalid; it is said, not hidden. */}
                      {r.warnings.map((w) => (
                        <div key={w}>
                          <Typography.Text type="warning" data-testid="uscc-batch-warning">
                            {w}
                          </Typography.Text>
                        </div>
                      ))}
                    </>
                  ) : (
                    r.reason
                  ),
              },
            ]}
          />
        </>
      ) : null}
    </Modal>
  )
}
