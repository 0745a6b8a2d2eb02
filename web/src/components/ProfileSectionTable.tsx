import { Empty, Grid, Table, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import type { ProfileSection } from '../api/types'
import { fenToYuan } from './complaint/labels'
import { fmtDate, fmtDateTime } from './labels'
import './work/work.css'

type Column = ProfileSection['columns'][number]
type Cell = ProfileSection['rows'][number][string]

const dash = <Typography.Text type="secondary">—</Typography.Text>
const textOf = (c: Cell): string | null => (c === null || c === undefined ? null : typeof c === 'object' ? c.text : String(c))

/** One cell as the section's column says: dates in Beijing format, states as tags, links to the record. */
function renderCell(col: Column, c: Cell): ReactNode {
  const text = textOf(c)
  if (text === null || text === '') return dash
  switch (col.kind) {
    case 'date':
      return fmtDate(text)
    case 'datetime':
      return fmtDateTime(text)
    case 'money':
      return typeof c === 'number' ? `¥${fenToYuan(c)}` : text
    case 'tag':
      return <Tag color={(typeof c === 'object' && c?.color) || 'default'}>{text}</Tag>
    case 'link': {
      const href = typeof c === 'object' && c ? c.href : null
      return href ? <Link to={href}>{text}</Link> : text
    }
    default:
      return text
  }
}

/**
 * A module's tab of the entity file (一户一档) as a table of the columns the module supplies; on a
 * phone each row is a card of "title：value" lines.
 */
export function ProfileSectionTable({ section }: { section: ProfileSection }) {
  const phone = Grid.useBreakpoint().md === false
  if (!section.rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`暂无${section.title}记录`} />
  const rows: Array<Record<string, Cell> & { __key: number }> = section.rows.map((r, i) => ({ ...r, __key: i }))
  const note =
    section.count > rows.length ? (
      <Typography.Paragraph type="secondary">
        共 {section.count} 条，显示最近 {rows.length} 条
        {section.moreHref ? (
          <>
            {' '}
            · <Link to={section.moreHref}>查看全部</Link>
          </>
        ) : null}
      </Typography.Paragraph>
    ) : null
  if (phone) {
    return (
      <div data-testid={`profile-section-${section.key}`}>
        {note}
        {rows.map((r) => (
          <div key={r.__key} className="profile-card">
            {section.columns.map((col) => (
              <div key={col.key} className="profile-card-line">
                <Typography.Text type="secondary">{col.title}：</Typography.Text>
                {renderCell(col, r[col.key] as Cell)}
              </div>
            ))}
          </div>
        ))}
      </div>
    )
  }
  return (
    <div data-testid={`profile-section-${section.key}`}>
      {note}
      <Table
        size="small"
        rowKey="__key"
        dataSource={rows}
        scroll={{ x: Math.max(800, section.columns.length * 130) }}
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
        columns={section.columns.map((col) => ({
          title: col.title,
          dataIndex: col.key,
          key: col.key,
          width: col.kind === 'date' ? 110 : col.kind === 'datetime' ? 160 : col.kind === 'link' ? 170 : undefined,
          render: (v: Cell) => renderCell(col, v),
        }))}
      />
    </div>
  )
}
