import { Empty, Table, Tag, Typography } from 'antd'
import { ROLE_LABELS, SCOPE_OPTIONS } from './labels'

type Obj = Record<string, unknown> | null

/**
 * A snapshot as rows of a comparison: an object by its fields, a list (a user's grants) by its
 * items, anything else as one value. Stored records are hash-chained and never rewritten, so every
 * shape that was ever recorded must still display.
 */
export function asFields(v: unknown): Obj {
  if (v === null || v === undefined) return null
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [`第 ${i + 1} 项`, x]))
  if (typeof v === 'object') return v as Record<string, unknown>
  return { 值: v }
}

/**
 * Codes an auditor would otherwise have to look up, shown with their name beside them (the code
 * stays, so the text still matches the raw record): roles and data scopes, at any depth.
 */
const CODE_LABELS: Record<string, Record<string, string>> = {
  role: ROLE_LABELS,
  scope: Object.fromEntries(SCOPE_OPTIONS.map((o) => [o.value, o.label])),
}
function labelled(key: string, v: unknown): unknown {
  const label = typeof v === 'string' ? CODE_LABELS[key]?.[v] : undefined
  return label ? `${label}（${v as string}）` : v
}

function show(v: unknown, key = ''): string {
  if (v === undefined) return ''
  if (v === null) return 'null'
  if (typeof v === 'string') return String(labelled(key, v))
  return JSON.stringify(v, (k, x: unknown) => labelled(k, x), 2)
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

interface Row {
  key: string
  before: unknown
  after: unknown
  change: 'added' | 'removed' | 'changed' | 'same'
}

/** Field-by-field comparison of an audit record's before/after snapshots. */
export function JsonDiff(props: { before: unknown; after: unknown }) {
  const before = asFields(props.before)
  const after = asFields(props.after)
  if (!before && !after) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="此记录没有变更前后的数据快照" />
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  const rows: Row[] = keys.map((k) => {
    const b = before ? before[k] : undefined
    const a = after ? after[k] : undefined
    const change = before && !(k in before) ? 'added' : after && !(k in after) ? 'removed' : same(a, b) ? 'same' : 'changed'
    return { key: k, before: b, after: a, change: !before || !after ? (before ? 'removed' : 'added') : change }
  })
  rows.sort((x, y) => Number(x.change === 'same') - Number(y.change === 'same'))
  const cell = (v: unknown, present: boolean, key: string) =>
    present ? <pre className="json-cell">{show(v, key)}</pre> : <Typography.Text type="secondary">—</Typography.Text>
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
              {r.change === 'changed' ? (
                <Tag color="orange">改</Tag>
              ) : r.change === 'added' ? (
                <Tag color="green">增</Tag>
              ) : r.change === 'removed' ? (
                <Tag color="red">删</Tag>
              ) : null}
            </span>
          ),
        },
        { title: '变更前', dataIndex: 'before', render: (v, r) => cell(v, !!before && r.key in before, r.key) },
        { title: '变更后', dataIndex: 'after', render: (v, r) => cell(v, !!after && r.key in after, r.key) },
      ]}
    />
  )
}
