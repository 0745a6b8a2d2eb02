import { ClockCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons'
import { Table, Tag, Timeline, Tooltip, Typography } from 'antd'
import { useCallback, type KeyboardEvent, type ReactNode } from 'react'
import { api } from '../../api/client'
import { useLoad } from '../hooks'
import { printableLegalBasis } from '../../../../src/shared/legal'
import { fmtDateTime } from '../labels'
import { CLOCK_META, notifyChannelLabel, STATE_COLOR, TYPE_COLOR } from './labels'
import type { Clock, Codes, ItemSummary, ItemType, QueueClock, State, TimelineEvent } from './types'
import './complaint.css'

export function TypeTag({ type, label }: { type: ItemType; label: string }) {
  return (
    <Tag color={TYPE_COLOR[type]} className="c-tag">
      {label}
    </Tag>
  )
}

export function StateTag({ state, label }: { state: State; label: string }) {
  return (
    <Tag color={STATE_COLOR[state] ?? 'default'} className="c-tag">
      {label}
    </Tag>
  )
}

/** Working days left as words: "剩 3 个工作日" / "今日到期" / "超期 2 个工作日". */
export function wdText(left: number | null | undefined, overdue = false): string {
  if (left === null || left === undefined) return overdue ? '已超期' : ''
  if (left < 0 || (overdue && left > 0)) return `超期 ${Math.abs(left)} 个工作日`
  // Past the due date, but no working day since (a weekend or holiday).
  if (overdue) return '已超期'
  if (left === 0) return '今日到期'
  return `剩 ${left} 个工作日`
}

/** The queue's clock: colour by state, due date, working days left; provisional calendar flagged. */
export function QueueClockTag({ item }: { item: Pick<ItemSummary, 'clockStatus' | 'nextDueOn' | 'nextDueKind' | 'workingDaysLeft' | 'clockProvisional'> }) {
  const st: QueueClock = item.clockStatus
  if (st === 'none' || !item.nextDueOn) return <Typography.Text type="secondary">—</Typography.Text>
  const meta = CLOCK_META[st]
  return (
    <Tooltip title={`${item.nextDueKind ?? '期限'}：${item.nextDueOn}${item.clockProvisional ? '（涉及尚未公布节假日安排的年份，按周末临时推算）' : ''}`}>
      <span className={`c-clock c-clock-${st}`} data-clock={st}>
        <span className="c-clock-date">
          {item.nextDueOn}
          {item.clockProvisional ? <WarningOutlined className="c-provisional" aria-label="临时推算" /> : null}
        </span>
        <span className="c-clock-left">{st === 'overdue' ? wdText(item.workingDaysLeft, true) : `${meta.label} · ${wdText(item.workingDaysLeft)}`}</span>
      </span>
    </Tooltip>
  )
}

export function ClockStatusTag({ c }: { c: Clock }) {
  const meta = CLOCK_META[c.status]
  return (
    <Tag
      color={meta.color}
      className="c-tag"
      icon={c.status === 'overdue' ? <ExclamationCircleOutlined /> : c.pauseOpen ? <PauseCircleOutlined /> : <ClockCircleOutlined />}
    >
      {c.statusLabel}
    </Tag>
  )
}

/** Every clock of an item: due date, working days left, state, rule, pauses; provisional years warned. */
export function ClocksTable({ clocks, testId }: { clocks: Clock[]; testId?: string }) {
  return (
    <Table<Clock>
      size="small"
      rowKey="kind"
      pagination={false}
      data-testid={testId}
      dataSource={clocks}
      locale={{ emptyText: '暂无计时' }}
      rowClassName={(c) => `c-row-${c.status}`}
      columns={[
        {
          title: '期限',
          dataIndex: 'label',
          render: (l: string, c) => (
            <Tooltip title={c.legalBasis ? `${c.ruleName ?? ''}｜${printableLegalBasis(c.legalBasis)}` : c.ruleName}>
              <span>{l}</span>
            </Tooltip>
          ),
        },
        { title: '起算日', dataIndex: 'startOn', width: 104 },
        {
          title: '截止日',
          dataIndex: 'dueOn',
          width: 128,
          render: (d: string, c) => (
            <span>
              <Typography.Text strong>{d}</Typography.Text>
              {c.provisional ? (
                <Tooltip title={`${c.missingYears.join('、')} 年节假日安排尚未公布，仅按周末推算，属临时结果`}>
                  <WarningOutlined className="c-provisional" aria-label="临时推算" />
                </Tooltip>
              ) : null}
            </span>
          ),
        },
        {
          title: '剩余',
          width: 128,
          render: (_, c) =>
            c.doneOn ? (
              <Typography.Text type="secondary">{c.doneOn} 完成</Typography.Text>
            ) : (
              <span style={{ color: CLOCK_META[c.status].hex }}>{wdText(c.workingDaysLeft, c.status === 'overdue')}</span>
            ),
        },
        {
          title: '状态',
          width: 150,
          render: (_, c) => (
            <span>
              <ClockStatusTag c={c} />
              {c.pausedDays > 0 || c.pauseOpen ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.pauseOpen ? '中止中' : `中止 ${c.pausedDays} 天`}
                </Typography.Text>
              ) : null}
            </span>
          ),
        },
      ]}
    />
  )
}

/** Clocks as a compact list (for narrow side panels). */
export function ClockList({ clocks, testId }: { clocks: Clock[]; testId?: string }) {
  if (!clocks.length) return <Typography.Text type="secondary">暂无计时</Typography.Text>
  return (
    <div data-testid={testId}>
      {clocks.map((c) => (
        <div key={c.kind} className="c-clock-line">
          <Tooltip title={c.legalBasis ? `${c.ruleName ?? ''}｜${printableLegalBasis(c.legalBasis)}` : c.ruleName}>
            <span className="c-clock-label">{c.label}</span>
          </Tooltip>
          <span>
            <Typography.Text strong>{c.dueOn}</Typography.Text>
            {c.provisional ? <WarningOutlined className="c-provisional" aria-label="临时推算" /> : null}
          </span>
          <span style={{ color: CLOCK_META[c.status].hex }}>{c.doneOn ? `${c.doneOn} 完成` : wdText(c.workingDaysLeft, c.status === 'overdue')}</span>
        </div>
      ))}
    </div>
  )
}

function eventDetail(e: TimelineEvent): ReactNode[] {
  const out: ReactNode[] = []
  const d = e.data ?? {}
  const outcome = d.outcome as { label?: string; recoveredFen?: number } | undefined
  if (outcome?.label) out.push(`结果：${outcome.label}${outcome.recoveredFen ? `，挽回经济损失 ¥${(outcome.recoveredFen / 100).toFixed(2)}` : ''}`)
  const reason = d.reason as { text?: string } | undefined
  if (reason?.text) out.push(`理由：${reason.text}`)
  const ground = d.ground as { text?: string } | undefined
  if (ground?.text) out.push(`情形：${ground.text}`)
  const lead = d.lead as { leadNo?: string } | undefined
  if (lead?.leadNo) out.push(`案源线索：${lead.leadNo}`)
  if (typeof d.channel === 'string' && e.kind !== 'received' && e.kind !== 'imported') out.push(`方式：${notifyChannelLabel(d.channel)}`)
  if (typeof d.answer === 'string') out.push(`答复：${d.answer}`)
  if (typeof d.text === 'string') out.push(`告知：${d.text}`)
  if (typeof d.dueOn === 'string' && e.kind === 'supervise') out.push(`督办期限：${d.dueOn}`)
  if (typeof d.intoItemNo === 'string') out.push(`并入：${d.intoItemNo}`)
  if (typeof d.basis === 'string' && d.basis) out.push(`管辖依据：${d.basis}`)
  if (e.note) out.push(e.note)
  return out
}

/** The item's timeline (办理记录): newest last, public steps marked. */
export function EventTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <Timeline
      data-testid="timeline"
      items={events.map((e) => ({
        key: e.seq,
        color: e.kind === 'escalated' ? 'red' : e.kind === 'supervise' ? 'orange' : e.public ? 'blue' : 'gray',
        content: (
          <div className="c-event">
            <div>
              <Typography.Text strong>{e.kindLabel}</Typography.Text>
              {e.toUnitName ? <Typography.Text> → {e.toUnitName}</Typography.Text> : null}
              <Typography.Text type="secondary" className="c-event-meta">
                {fmtDateTime(e.at)} · {e.actorName ?? '—'}
                {e.unitName ? ` · ${e.unitName}` : ''}
              </Typography.Text>
              {e.public ? <Tag className="c-tag c-public-tag">公众可见</Tag> : null}
            </div>
            {eventDetail(e).map((t, i) => (
              <div key={i} className="c-event-line">
                {t}
              </div>
            ))}
          </div>
        ),
      }))}
    />
  )
}

/** The code lists (reasons, grounds) of the API, loaded once per page. */
export function useCodes() {
  return useLoad((signal) => api.get<Codes>('/api/complaints/codes', undefined, { signal }), [])
}

/** A keyboard key as shown in hints. */
export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="c-kbd">{children}</kbd>
}

function focusables(root: HTMLElement): HTMLElement[] {
  const sel = 'input:not([type=hidden]):not([disabled]):not([tabindex="-1"]), textarea:not([disabled]), button[data-enter-stop], [data-enter-target]'
  return Array.from(root.querySelectorAll<HTMLElement>(sel)).filter(
    (el) => el.offsetParent !== null && !el.closest('[data-enter-skip]') && !el.closest('.ant-select-dropdown'),
  )
}

/**
 * Keyboard-first forms: Enter in a single-line field moves to the next field (a closed select or
 * auto-complete too; an open one picks its option first), Ctrl/⌘+Enter submits anywhere.
 * Use as `onKeyDownCapture` on the form's wrapper.
 */
export function useFormKeys(submit: () => void) {
  return useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (e.key !== 'Enter' || e.nativeEvent.isComposing) return
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault()
        e.stopPropagation()
        submit()
        return
      }
      const t = e.target as HTMLElement
      if (t.tagName === 'TEXTAREA' || t.tagName === 'BUTTON' || e.shiftKey || e.altKey) return
      if (t.tagName !== 'INPUT') return
      // An open drop-down with a highlighted option (select, auto-complete) or an open date picker
      // takes Enter for its own choice; an open list without a highlighted option does not.
      if (document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')) return
      // Tree selects (承办单位, 商品/服务分类) mark their highlighted node differently from lists.
      if (
        t.getAttribute('aria-expanded') === 'true' &&
        document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden) :is(.ant-select-item-option-active, .ant-select-tree-treenode-active)')
      )
        return
      const root = e.currentTarget
      const list = focusables(root)
      const i = list.indexOf(t)
      if (i < 0) return
      e.preventDefault()
      e.stopPropagation()
      const next = list[i + 1]
      if (next) next.focus()
    },
    [submit],
  )
}
