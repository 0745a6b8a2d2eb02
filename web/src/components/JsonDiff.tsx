import { Empty, Table, Tag, Typography } from 'antd'

type Obj = Record<string, unknown> | null

function show(v: unknown): string {
  if (v === undefined) return ''
  if (v === null) return 'null'
  if (typeof v === 'string') return v
  return JSON.stringify(v, null, 2)
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

interface Row {
  key: string
  before: unknown
  after: unknown
  change: 'added' | 'removed' | 'changed' | 'same'
}

/** Field-by-field comparison of an audit record's before/after snapshots. */
export function JsonDiff({ before, after }: { before: Obj; after: Obj }) {
  if (!before && !after) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="此记录没有变更前后的数据快照" />
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  const rows: Row[] = keys.map((k) => {
    const b = before ? before[k] : undefined
    const a = after ? after[k] : undefined
    const change = before && !(k in before) ? 'added' : after && !(k in after) ? 'removed' : same(a, b) ? 'same' : 'changed'
    return { key: k, before: b, after: a, change: !before || !after ? (before ? 'removed' : 'added') : change }
  })
  rows.sort((x, y) => Number(x.change === 'same') - Number(y.change === 'same'))
  const cell = (v: unknown, present: boolean) =>
    present ? <pre className="json-cell">{show(v)}</pre> : <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Table<Row>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      rowClassName={(r) => (r.change === 'same' ? '' : `diff-${r.change}`)}
      columns={[
        {
          title: '字段',
          dataIndex: 'key',
          width: 150,
          render: (k: string, r) => (
            <span>
              <Typography.Text code>{k}</Typography.Text>
              {r.change === 'changed' ? <Tag color="orange">改</Tag> : r.change === 'added' ? <Tag color="green">增</Tag> : r.change === 'removed' ? <Tag color="red">删</Tag> : null}
            </span>
          ),
        },
        { title: '变更前', dataIndex: 'before', render: (v, r) => cell(v, !!before && r.key in before) },
        { title: '变更后', dataIndex: 'after', render: (v, r) => cell(v, !!after && r.key in after) },
      ]}
    />
  )
}
