import { QuestionCircleOutlined } from '@ant-design/icons'
import { Tooltip, Typography } from 'antd'
import type { ReactNode } from 'react'
import { fmtInt, fmtMeasure, type MeasureColumn } from './format'
import type { Measures } from './types'

/** A measure's column title with its definition (统计口径) as a tooltip. */
export function MeasureTitle({ c, short }: { c: MeasureColumn; short?: boolean }) {
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{`${c.label}\n${c.definition}`}</span>} styles={{ root: { maxWidth: 360 } }}>
      <span className="measure-title" data-testid={`col-${c.key}`}>
        {short ? c.short : c.label} <QuestionCircleOutlined style={{ color: '#8c8c8c', fontSize: 12 }} />
      </span>
    </Tooltip>
  )
}

/** A measure's cell: formatted; rates show their numerator and denominator on hover. */
export function MeasureCell({ m, c }: { m: Measures; c: MeasureColumn }): ReactNode {
  const text = fmtMeasure(m, c)
  const muted = text === '—' || (c.kind === 'count' && m[c.key] === 0)
  const el = (
    <Typography.Text type={muted ? 'secondary' : c.key === 'overdue' && (m.overdue ?? 0) > 0 ? 'danger' : undefined} data-measure={c.key} className="nowrap">
      {text}
    </Typography.Text>
  )
  if (c.parts) {
    const [n, d] = c.parts
    return <Tooltip title={`${fmtInt(m[n] as number)} ÷ ${fmtInt(m[d] as number)}`}>{el}</Tooltip>
  }
  return el
}
