import { Alert, Tag, Tooltip, Typography } from 'antd'
import { fmtDateTime } from '../labels'
import type { Publication, Verdict } from './types'
import { STATUS_COLORS } from './types'

export function TaskStatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{label}</Tag>
}

/** A hash shown short, copyable in full. */
export function Hash({ value }: { value: string | null }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Tooltip title={value}>
      <Typography.Text code copyable={{ text: value }} className="hash">
        {value.length > 20 ? `${value.slice(0, 16)}…` : value}
      </Typography.Text>
    </Tooltip>
  )
}

export function PublicationTag({ p }: { p: Publication }) {
  const color = p.state === 'published' ? 'green' : p.state === 'overdue' ? 'red' : p.state === 'pending' ? 'orange' : 'default'
  return (
    <Tooltip
      title={
        p.dueOn
          ? `${p.ruleName ?? '公示期限'}：${p.completedOn} 完成，应于 ${p.dueOn} 前公示${p.provisional ? '（日历未载入，按周末临时推算）' : ''}`
          : undefined
      }
    >
      <Tag color={color}>
        {p.stateLabel}
        {p.dueOn && p.state !== 'published' ? `（截止 ${p.dueOn}）` : ''}
      </Tag>
    </Tooltip>
  )
}

export function VerdictAlert({ v }: { v: Verdict }) {
  return v.ok ? (
    <Alert
      type="success"
      showIcon
      data-testid="verdict"
      title="核验结果：一致"
      description={`按记录重算，抽取名单与人员分派与记录完全一致（核验时间 ${fmtDateTime(v.checkedAt)}）。`}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      data-testid="verdict"
      title="核验结果：不一致"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {v.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      }
    />
  )
}
