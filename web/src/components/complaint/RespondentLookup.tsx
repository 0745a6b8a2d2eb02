import { AutoComplete, Flex, Input, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { api } from '../../api/client'
import { useDebounced } from '../hooks'
import { respondentKindLabel } from './labels'
import type { Suggestion } from './types'

interface Props {
  id?: string
  value?: string
  onChange?: (v: string) => void
  /** A register entry was chosen (by mouse or keyboard). */
  onPick: (s: Suggestion) => void
  placeholder?: string
  autoFocus?: boolean
}

/**
 * The respondent's name with suggestions from the register (GET /api/complaints/respondents?q=,
 * by name or 统一社会信用代码, debounced). Free text stays allowed: an unregistered trader.
 * Options are keyed by the entity id, never by the name: registers hold several entities of one
 * name, and a select resolves its option by value (a name would always pick the same one of them).
 * The input still shows the name.
 */
export function RespondentLookup({ id, value, onChange, onPick, placeholder, autoFocus }: Props) {
  const [text, setText] = useState(value ?? '')
  const q = useDebounced(text.trim(), 250)
  const [items, setItems] = useState<Suggestion[]>([])
  const [failed, setFailed] = useState<string | null>(null)

  useEffect(() => {
    if (q.length < 2) {
      setItems([])
      return
    }
    const ctrl = new AbortController()
    api
      .get<{ items: Suggestion[] }>('/api/complaints/respondents', { q: q.slice(0, 50) }, { signal: ctrl.signal })
      .then((r) => {
        setItems(r.items)
        setFailed(null)
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) {
          setItems([])
          setFailed('名录查询失败，可直接填写名称')
        }
      })
    return () => ctrl.abort()
  }, [q])

  return (
    <AutoComplete<string>
      id={id}
      value={value}
      onChange={(v) => {
        // Choosing an option gives its entity id: the field holds the entity's name.
        const name = items.find((i) => i.entityId === v)?.name ?? v
        setText(name)
        onChange?.(name)
      }}
      onSelect={(v) => {
        const s = items.find((i) => i.entityId === v)
        if (s) onPick(s)
      }}
      showSearch={{ filterOption: false }}
      // Enter keeps the typed name unless a suggestion was highlighted with ↓.
      defaultActiveFirstOption={false}
      popupMatchSelectWidth={520}
      // Nothing found: no open drop-down, so Enter moves on (the form says the name is unregistered).
      notFoundContent={null}
      options={items.map((s) => ({
        key: s.entityId,
        value: s.entityId,
        label: (
          <div className="c-suggest-option" data-testid="respondent-option">
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong ellipsis>
                {s.name}
              </Typography.Text>
              {s.openItems > 0 ? (
                <Tag color="orange" className="c-tag">
                  未办结 {s.openItems} 件
                </Tag>
              ) : null}
            </Flex>
            <div className="c-sub">
              {s.uscc ?? '无统一社会信用代码'} · {respondentKindLabel(s.kind)}
              {s.stationName ? ` · ${s.stationName}` : ''}
            </div>
            {s.address ? <div className="c-sub">{s.address}</div> : null}
          </div>
        ),
      }))}
    >
      <Input placeholder={placeholder ?? failed ?? '输入名称或统一社会信用代码，↓ 选择名录中的主体'} autoFocus={autoFocus} maxLength={100} allowClear />
    </AutoComplete>
  )
}
