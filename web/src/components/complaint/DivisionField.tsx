import { Select } from 'antd'
import { useEffect, useState } from 'react'
import { api } from '../../api/client'
import type { Division } from '../../api/types'
import { useDebounced } from '../hooks'

/**
 * A division by name (GET /api/divisions?q=…), value = its code (6 or 9 digits: a village is
 * kept as its township). A value set from outside (a register entry) shows its full name.
 */
export function DivisionField({
  id,
  value,
  onChange,
  placeholder,
}: {
  id?: string
  value?: string | null
  onChange?: (code: string | null) => void
  placeholder?: string
}) {
  const [text, setText] = useState('')
  const q = useDebounced(text.trim(), 250)
  const [options, setOptions] = useState<Division[]>([])
  const [known, setKnown] = useState<Division | null>(null)

  useEffect(() => {
    if (!value || known?.code === value || options.some((o) => o.code === value)) return
    const ctrl = new AbortController()
    api.get<Division>(`/api/divisions/${value}`, undefined, { signal: ctrl.signal }).then(setKnown, () => undefined)
    return () => ctrl.abort()
  }, [value, known, options])

  useEffect(() => {
    if (!q) {
      setOptions([])
      return
    }
    const ctrl = new AbortController()
    api.get<{ items: Division[] }>('/api/divisions', { q }, { signal: ctrl.signal }).then(
      (r) => setOptions(r.items.filter((d) => d.code.length <= 9).slice(0, 30)),
      () => undefined,
    )
    return () => ctrl.abort()
  }, [q])

  const list = known && !options.some((o) => o.code === known.code) ? [known, ...options] : options
  return (
    <Select<string>
      id={id}
      value={value ?? undefined}
      placeholder={placeholder ?? '输入名称搜索，如：解放区、民生街道'}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      allowClear
      onChange={(code) => {
        const d = list.find((o) => o.code === code) ?? null
        if (d) setKnown(d)
        setText('')
        onChange?.(code ?? null)
      }}
      notFoundContent={q ? '未找到匹配的行政区划' : '请输入关键字'}
      options={list.map((d) => ({ value: d.code, label: d.fullName }))}
      popupMatchSelectWidth={false}
    />
  )
}
