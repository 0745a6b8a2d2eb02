import { PlusOutlined } from '@ant-design/icons'
import { Button, Cascader, Empty, Flex, Select, Space, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { api } from '../api/client'
import type { Division, DivisionRef } from '../api/types'
import { useDebounced } from './hooks'

const LEVEL_LABELS: Record<string, string> = { province: '省级', city: '地级', county: '县级', township: '乡级', village: '村级' }
export const levelLabel = (l: string): string => LEVEL_LABELS[l] ?? l

interface SearchProps {
  value?: string | null
  onChange?: (code: string | null, division: Division | null) => void
  placeholder?: string
  style?: React.CSSProperties
  id?: string
}

/** Finds a division by name (GET /api/divisions?q=…); the value is its code. */
export function DivisionSearchSelect({ value, onChange, placeholder, style, id }: SearchProps) {
  const [text, setText] = useState('')
  const q = useDebounced(text.trim(), 300)
  const [options, setOptions] = useState<Division[]>([])
  const [loading, setLoading] = useState(false)

  useEffect(() => {
    if (!q) {
      setOptions([])
      return
    }
    const ctrl = new AbortController()
    setLoading(true)
    const query = /^\d{6}(\d{3}){0,2}$/.test(q)
      ? api.get<Division>(`/api/divisions/${q}`, undefined, { signal: ctrl.signal }).then((d) => [d])
      : api.get<{ items: Division[] }>('/api/divisions', { q }, { signal: ctrl.signal }).then((r) => r.items)
    query
      .then((items) => setOptions(items.slice(0, 50)))
      .catch(() => setOptions([]))
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false)
      })
    return () => ctrl.abort()
  }, [q])

  return (
    <Select<string>
      id={id}
      value={value ?? undefined}
      style={style}
      placeholder={placeholder ?? '输入名称或区划代码搜索，如：解放区、民生街道'}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      loading={loading}
      allowClear
      onChange={(code) => {
        const d = options.find((o) => o.code === code) ?? null
        onChange?.(code ?? null, d)
      }}
      notFoundContent={loading ? '搜索中…' : q ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未找到匹配的行政区划" /> : '请输入关键字'}
      options={options.map((d) => ({
        value: d.code,
        label: (
          <Flex justify="space-between" gap={8}>
            <span>{d.fullName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {levelLabel(d.level)} {d.code}
            </Typography.Text>
          </Flex>
        ),
      }))}
      optionLabelProp="label"
      popupMatchSelectWidth={false}
    />
  )
}

interface CascaderOption {
  value: string
  label: string
  isLeaf: boolean
  division: Division
  children?: CascaderOption[]
  loading?: boolean
}

const toOption = (d: Division): CascaderOption => ({ value: d.code, label: d.name, isLeaf: d.level === 'township' || d.level === 'village', division: d })

/** Browses divisions level by level (GET /api/divisions?parent=…), starting from `rootParent` or the provinces. */
export function DivisionCascader({ onPick, rootParent }: { onPick: (d: Division) => void; rootParent?: string }) {
  const [options, setOptions] = useState<CascaderOption[]>([])
  const [picked, setPicked] = useState<Division | null>(null)
  const [path, setPath] = useState<string[]>([])

  useEffect(() => {
    api
      .get<{ items: Division[] }>('/api/divisions', rootParent ? { parent: rootParent } : undefined)
      .then((r) => setOptions(r.items.map(toOption)))
      .catch(() => setOptions([]))
  }, [rootParent])

  const loadData = async (selected: CascaderOption[]) => {
    const target = selected[selected.length - 1]
    if (!target) return
    target.loading = true
    setOptions((o) => [...o])
    try {
      const r = await api.get<{ items: Division[] }>('/api/divisions', { parent: target.value })
      target.children = r.items.map(toOption)
      if (!r.items.length) target.isLeaf = true
    } finally {
      target.loading = false
      setOptions((o) => [...o])
    }
  }

  return (
    <Space.Compact style={{ width: '100%' }}>
      <Cascader<CascaderOption>
        style={{ flex: 1 }}
        options={options}
        loadData={loadData}
        changeOnSelect
        value={path}
        placeholder="逐级选择行政区划"
        onChange={(v, sel) => {
          setPath(v ?? [])
          const last = sel?.[sel.length - 1]
          setPicked(last ? last.division : null)
        }}
      />
      <Button
        icon={<PlusOutlined />}
        disabled={!picked}
        onClick={() => {
          if (picked) onPick(picked)
          setPath([])
          setPicked(null)
        }}
      >
        添加
      </Button>
    </Space.Compact>
  )
}

interface PickerProps {
  value?: DivisionRef[]
  onChange?: (v: DivisionRef[]) => void
  rootParent?: string
}

/** The jurisdiction of a unit: a list of divisions, added by search or by browsing. */
export function DivisionPicker({ value, onChange, rootParent }: PickerProps) {
  const list = value ?? []
  const add = (d: Division | null) => {
    if (!d || list.some((x) => x.code === d.code)) return
    onChange?.([...list, { code: d.code, name: d.fullName }])
  }
  return (
    <Flex vertical gap={8}>
      <div className="division-tags">
        {list.length ? (
          list.map((d) => (
            <Tag key={d.code} closable onClose={() => onChange?.(list.filter((x) => x.code !== d.code))} style={{ marginBottom: 4 }}>
              {d.name}
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                {d.code}
              </Typography.Text>
            </Tag>
          ))
        ) : (
          <Typography.Text type="secondary">尚未设置管辖区划</Typography.Text>
        )}
      </div>
      <DivisionSearchSelect value={null} onChange={(_c, d) => add(d)} placeholder="搜索并添加：输入名称或区划代码" style={{ width: '100%' }} />
      <DivisionCascader onPick={add} rootParent={rootParent} />
    </Flex>
  )
}
