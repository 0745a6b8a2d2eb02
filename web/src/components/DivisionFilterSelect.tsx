import { Empty, Flex, Select, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { api } from '../api/client'
import type { Division, Unit } from '../api/types'
import { levelLabel } from './DivisionPicker'
import { useDebounced, useLoad } from './hooks'

/** The significant prefix of a division code: 410000 → 41, 410800 → 4108, 410802 → 410802. */
function prefixOf(code: string): string {
  if (code.length > 6) return code
  if (code.endsWith('0000')) return code.slice(0, 2)
  if (code.endsWith('00')) return code.slice(0, 4)
  return code
}

/** The divisions the viewer's data scope covers: the jurisdiction of their top-most units. */
function rootCodes(units: Unit[]): string[] {
  const ids = new Set(units.map((u) => u.id))
  const tops = units.filter((u) => !u.parentId || !ids.has(u.parentId))
  return [...new Set(tops.flatMap((u) => u.divisions.map((d) => d.code)))].sort()
}

interface Props {
  /** The viewer's units (GET /api/org/units): the choice is limited to their jurisdiction. */
  units: Unit[] | undefined
  value?: string
  onChange?: (code: string | undefined) => void
  placeholder?: string
  style?: React.CSSProperties
  id?: string
}

/**
 * One administrative division (county or township) within the viewer's jurisdiction: offers the
 * divisions one level below it straight away, and finds townships by name. The value is the code.
 */
export function DivisionFilterSelect({ units, value, onChange, placeholder, style, id }: Props) {
  const roots = useMemo(() => rootCodes(units ?? []), [units])
  const prefixes = useMemo(() => roots.map(prefixOf), [roots])
  const inScope = (code: string) => code.length <= 9 && (prefixes.length === 0 || prefixes.some((p) => code.startsWith(p)))

  const base = useLoad(
    async (signal) => {
      const lists = await Promise.all(
        roots.map(async (code) => {
          const d = await api.get<Division>(`/api/divisions/${code}`, undefined, { signal })
          if (d.level === 'township' || d.level === 'village') return [d]
          const r = await api.get<{ items: Division[] }>('/api/divisions', { parent: code }, { signal })
          return r.items.length ? r.items : [d]
        }),
      )
      return lists.flat()
    },
    [roots.join()],
    roots.length > 0,
  )

  const [text, setText] = useState('')
  const q = useDebounced(text.trim(), 300)
  const [found, setFound] = useState<Division[] | null>(null)
  const [searching, setSearching] = useState(false)
  const [current, setCurrent] = useState<Division | null>(null)

  useEffect(() => {
    if (!q) {
      setFound(null)
      return
    }
    const ctrl = new AbortController()
    setSearching(true)
    const query = /^\d{6}(\d{3})?$/.test(q)
      ? api.get<Division>(`/api/divisions/${q}`, undefined, { signal: ctrl.signal }).then((d) => [d])
      : api.get<{ items: Division[] }>('/api/divisions', { q }, { signal: ctrl.signal }).then((r) => r.items)
    query
      .then((items) => setFound(items.filter((d) => inScope(d.code)).slice(0, 50)))
      .catch(() => {
        if (!ctrl.signal.aborted) setFound([])
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setSearching(false)
      })
    return () => ctrl.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, prefixes.join()])

  // A value from the address bar: look up its name once.
  useEffect(() => {
    if (!value) {
      setCurrent(null)
      return
    }
    if (current?.code === value) return
    const known = [...(base.data ?? []), ...(found ?? [])].find((d) => d.code === value)
    if (known) {
      setCurrent(known)
      return
    }
    const ctrl = new AbortController()
    api
      .get<Division>(`/api/divisions/${value}`, undefined, { signal: ctrl.signal })
      .then(setCurrent)
      .catch(() => undefined)
    return () => ctrl.abort()
  }, [value, base.data, found, current?.code])

  const list = found ?? base.data ?? []
  const options = [...(current && !list.some((d) => d.code === current.code) ? [current] : []), ...list]
  // Within one city the province and city in every name only add noise.
  const common = options.length > 1 ? commonPrefix(options.map((d) => d.fullName)) : ''
  const short = (d: Division) => (common && d.fullName.startsWith(common) && d.fullName.length > common.length ? d.fullName.slice(common.length) : d.fullName)

  return (
    <Select<string>
      id={id}
      value={value}
      style={style}
      placeholder={placeholder ?? '区县或乡镇（街道）'}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      loading={base.loading || searching}
      allowClear
      onChange={(code) => {
        setText('')
        const d = options.find((o) => o.code === code) ?? null
        setCurrent(d)
        onChange?.(code ?? undefined)
      }}
      onOpenChange={(open) => {
        if (!open) setText('')
      }}
      notFoundContent={
        base.loading || searching ? (
          '加载中…'
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? '您的管辖范围内没有匹配的行政区划' : '暂无可选行政区划'} />
        )
      }
      options={options.map((d) => ({
        value: d.code,
        title: d.fullName,
        label: short(d),
        display: (
          <Flex justify="space-between" gap={12}>
            <span>{short(d)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {levelLabel(d.level)} {d.code}
            </Typography.Text>
          </Flex>
        ),
      }))}
      optionRender={(o) => (o.data as { display: React.ReactNode }).display}
      popupMatchSelectWidth={false}
    />
  )
}

function commonPrefix(names: string[]): string {
  if (!names.length) return ''
  let p = names[0]!
  for (const n of names) while (!n.startsWith(p)) p = p.slice(0, -1)
  // Cut at a whole division name (ends with 省/市/区/县/州/盟/旗).
  const m = /^.*[省市区县州盟旗]/.exec(p)
  return m ? m[0] : ''
}
