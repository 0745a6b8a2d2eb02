import { AutoComplete, Input, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { api } from '../../api/client'
import { useDebounced } from '../hooks'

export interface PublicSuggestion {
  entityId: string
  name: string
  uscc: string | null
  address: string | null
}

interface Props {
  id?: string
  value?: string
  onChange?: (v: string) => void
  /** A register entry was chosen; null when the text no longer is the chosen entry's name. */
  onPick: (s: PublicSuggestion | null) => void
  picked: PublicSuggestion | null
}

/**
 * The public form's respondent name with suggestions from the register's public fields (GET
 * /api/public/complaints/respondents?q=, name or USCC; rate-limited like every public endpoint).
 * Options carry the entity id, never only the name (several entities share a name). Free text
 * stays allowed.
 */
export function PublicRespondentLookup({ id, value, onChange, onPick, picked }: Props) {
  const [text, setText] = useState(value ?? '')
  const q = useDebounced(text.trim(), 300)
  const [items, setItems] = useState<PublicSuggestion[]>([])

  useEffect(() => {
    if (q.length < 2) {
      setItems([])
      return
    }
    const ctrl = new AbortController()
    api
      .get<{ items: PublicSuggestion[] }>('/api/public/complaints/respondents', { q: q.slice(0, 50) }, { signal: ctrl.signal, noAuthRedirect: true })
      .then((r) => setItems(r.items))
      .catch(() => setItems([]))
    return () => ctrl.abort()
  }, [q])

  return (
    <>
      <AutoComplete<string>
        id={id}
        value={value}
        onChange={(v) => {
          const hit = items.find((i) => i.entityId === v)
          const name = hit?.name ?? v
          setText(name)
          onChange?.(name)
          if (!hit && picked && name !== picked.name) onPick(null)
        }}
        onSelect={(v) => onPick(items.find((i) => i.entityId === v) ?? null)}
        showSearch={{ filterOption: false }}
        defaultActiveFirstOption={false}
        notFoundContent={null}
        options={items.map((s) => ({
          key: s.entityId,
          value: s.entityId,
          label: (
            <div data-testid="public-respondent-option">
              <Typography.Text strong>{s.name}</Typography.Text>
              <div className="c-sub">
                {s.uscc ?? '无统一社会信用代码'}
                {s.address ? ` · ${s.address}` : ''}
              </div>
            </div>
          ),
        }))}
      >
        <Input maxLength={100} placeholder="输入店名、公司名或统一社会信用代码，可从列表中选择" />
      </AutoComplete>
      {picked ? (
        <div className="c-sub" data-testid="public-respondent-picked">
          已选择登记主体：{picked.uscc ?? ''} {picked.address ?? ''}
        </div>
      ) : null}
    </>
  )
}
