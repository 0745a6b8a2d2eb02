import { DatePicker, Segmented, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'

export type PeriodMode = 'last30' | 'month' | 'quarter' | 'year' | 'range'

export interface Period {
  mode: PeriodMode
  from: string
  to: string
}

const MODE_LABEL: Record<PeriodMode, string> = { last30: '近30天', month: '月', quarter: '季度', year: '年', range: '自定义' }
const D = 'YYYY-MM-DD'
/** Longest span the API accepts (MAX_PERIOD_DAYS on the server). */
export const MAX_PERIOD_DAYS = 1100

const capToday = (d: Dayjs) => (d.isAfter(dayjs(), 'day') ? dayjs() : d)

/** The period of `mode` containing `anchor` (ends no later than today). */
export function periodOf(mode: PeriodMode, anchor: Dayjs = dayjs(), rangeEnd?: Dayjs): Period {
  if (mode === 'last30') {
    const to = capToday(anchor)
    return { mode, from: to.subtract(29, 'day').format(D), to: to.format(D) }
  }
  if (mode === 'range') return { mode, from: anchor.format(D), to: capToday(rangeEnd ?? anchor).format(D) }
  let start: Dayjs
  let end: Dayjs
  if (mode === 'month') {
    start = anchor.startOf('month')
    end = anchor.endOf('month')
  } else if (mode === 'quarter') {
    start = anchor.month(Math.floor(anchor.month() / 3) * 3).startOf('month')
    end = start.add(2, 'month').endOf('month')
  } else {
    start = anchor.startOf('year')
    end = anchor.endOf('year')
  }
  return { mode, from: start.format(D), to: capToday(end).format(D) }
}

const valid = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s, D, true).isValid()

/** Reads a period from the page's query string (mode, from, to), falling back to `fallback`. */
export function readPeriod(params: URLSearchParams, fallback: Period): Period {
  const mode = (Object.keys(MODE_LABEL) as PeriodMode[]).find((m) => m === params.get('period')) ?? fallback.mode
  const from = params.get('from')
  const to = params.get('to')
  if (valid(from) && valid(to) && from <= to) return { mode, from, to }
  if (valid(from)) return periodOf(mode, dayjs(from))
  return mode === fallback.mode ? fallback : periodOf(mode)
}

/** Writes a period into query parameters. */
export function writePeriod(p: Period, out: Record<string, string>): void {
  out.period = p.mode
  out.from = p.from
  out.to = p.to
}

/** Period selector: 月 / 季度 / 年 / 自定义 (and 近30天 where offered), never past today. */
export function PeriodPicker({
  value,
  onChange,
  modes = ['month', 'quarter', 'year', 'range'],
}: {
  value: Period
  onChange: (p: Period) => void
  modes?: PeriodMode[]
}) {
  const future = (d: Dayjs) => d.isAfter(dayjs(), 'day')
  const anchor = dayjs(value.from)
  // A period chosen elsewhere in a mode this picker does not offer shows as a custom range.
  if (!modes.includes(value.mode)) value = { ...value, mode: 'range' }
  return (
    <Space wrap size={8} data-testid="period-picker">
      <Segmented<PeriodMode>
        value={value.mode}
        options={modes.map((m) => ({ value: m, label: MODE_LABEL[m] }))}
        onChange={(m) => onChange(m === 'range' ? { ...value, mode: 'range' } : periodOf(m, m === 'last30' ? dayjs() : anchor))}
      />
      {value.mode === 'range' ? (
        <DatePicker.RangePicker
          value={[dayjs(value.from), dayjs(value.to)]}
          allowClear={false}
          disabledDate={(d, info) => future(d) || (!!info.from && Math.abs(d.diff(info.from, 'day')) >= MAX_PERIOD_DAYS)}
          onChange={(r) => r?.[0] && r[1] && onChange(periodOf('range', r[0], r[1]))}
          aria-label="登记日期范围"
        />
      ) : value.mode === 'last30' ? null : (
        <DatePicker
          picker={value.mode}
          value={anchor}
          allowClear={false}
          disabledDate={future}
          onChange={(d) => d && onChange(periodOf(value.mode, d))}
          aria-label="统计期间"
          format={(d: Dayjs) =>
            value.mode === 'month' ? d.format('YYYY年M月') : value.mode === 'year' ? d.format('YYYY年') : `${d.year()}年第${Math.floor(d.month() / 3) + 1}季度`
          }
        />
      )}
    </Space>
  )
}
