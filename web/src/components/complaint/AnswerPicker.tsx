import { Select, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { api } from '../../api/client'
import { useDebounced } from '../hooks'
import type { Answer } from './types'

interface Props {
  id?: string
  value?: string
  onChange?: (id: string | undefined) => void
  /** Called with the chosen standard answer (its text fills the answer box). */
  onPick: (a: Answer) => void
  category?: string
}

/**
 * Searches the knowledge base of standard answers (常用语) as the operator types: words of the
 * caller's question (退货 七天, 预付卡…); ↓ and Enter pick one.
 */
export function AnswerPicker({ id, value, onChange, onPick, category }: Props) {
  const [text, setText] = useState('')
  const q = useDebounced(text.trim(), 200)
  const [items, setItems] = useState<Answer[]>([])
  const [loading, setLoading] = useState(false)
  useEffect(() => {
    const ctrl = new AbortController()
    setLoading(true)
    api
      .get<{ items: Answer[] }>('/api/complaints/answers', { q: q || undefined, category }, { signal: ctrl.signal })
      .then(
        (r) => setItems(r.items),
        () => undefined,
      )
      .finally(() => setLoading(false))
    return () => ctrl.abort()
  }, [q, category])
  return (
    <Select
      id={id}
      value={value}
      allowClear
      loading={loading}
      placeholder="输入关键词检索常用语，如：退货、预付卡、标价"
      showSearch={{ filterOption: false, onSearch: setText }}
      defaultActiveFirstOption
      notFoundContent={loading ? '检索中…' : '没有匹配的常用语，可直接填写答复'}
      onChange={(v: string | undefined) => {
        onChange?.(v)
        const a = items.find((x) => x.id === v)
        if (a) onPick(a)
      }}
      options={items.map((a) => ({
        value: a.id,
        label: a.title,
        title: a.answer,
      }))}
      optionRender={(o) => {
        const a = items.find((x) => x.id === o.value)
        return (
          <div>
            <div>
              {a?.title}
              {a?.categoryLabel ? <Typography.Text type="secondary"> · {a.categoryLabel}</Typography.Text> : null}
            </div>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 520, display: 'block' }}>
              {a?.answer}
            </Typography.Text>
          </div>
        )
      }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 600 } } }}
      data-testid="answer-picker"
    />
  )
}
