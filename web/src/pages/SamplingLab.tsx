import { App, Button, Card, Empty, Flex, Form, Input, List, Select, Tag, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../api/client'
import type { Page } from '../api/types'
import { useLoad } from '../components/hooks'
import { ActionBar } from '../components/matter/ActionBar'
import { PageHeader } from '../components/PageHeader'
import { applyServerError } from '../components/formError'
import { ResultImport } from '../components/sampling/ResultImport'
import { ResultItemsInput, STATE_COLOR, sampleWorkflow, type SamplingSample, type SamplingSampleDetail } from '../components/sampling/types'

const BLANK = { item: '', standard: '', method: '', limit: '', result: '', unit: '', conclusion: 'pass' }

/** Result entry of one sample: one row per test item; saved until the report is issued, read-only after. */
function Results({ s, onDone }: { s: SamplingSampleDetail; onDone: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ items: Array<Record<string, string>> }>()
  const round = s.state === 'retesting' ? 'retest' : 'first'
  const editable = s.state === 'testing' || s.state === 'retesting'
  const initial = s.results.filter((r) => r.round === round).map((r) => ({ ...r }))
  const save = async () => {
    const v = await form.validateFields()
    // The server's schema first: a row without its unit (or any other gap) is named next to its field.
    const checked = ResultItemsInput.safeParse({ items: v.items })
    if (!checked.success) {
      const i = checked.error.issues[0]!
      form.setFields([{ name: ['items', Number(i.path[1] ?? 0), String(i.path[2] ?? 'item')], errors: [i.message] }])
      message.error(`第 ${Number(i.path[1] ?? 0) + 1} 项：${i.message}`)
      return
    }
    try {
      await api.put<SamplingSampleDetail>(`/api/sampling/lab/samples/${s.id}/results`, { items: checked.data.items, version: s.version })
      message.success('检验结果已保存')
      onDone()
    } catch (e) {
      message.error(applyServerError(form, e))
    }
  }
  if (!editable) return null
  return (
    <Form form={form} layout="vertical" initialValues={{ items: initial.length ? initial : [BLANK] }} data-testid="results-form">
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                title={`检验项目 ${i + 1}`}
                style={{ marginBottom: 8 }}
                extra={
                  <Button size="small" onClick={() => remove(f.name)}>
                    删除
                  </Button>
                }
              >
                <Flex gap={8} wrap>
                  {(
                    [
                      ['item', '检验项目'],
                      ['standard', '判定依据'],
                      ['method', '检验方法'],
                      ['limit', '标准指标'],
                      ['result', '实测值'],
                      ['unit', '计量单位'],
                    ] as const
                  ).map(([k, label]) => (
                    <Form.Item key={k} name={[f.name, k]} label={label} style={{ minWidth: 140, flex: 1 }}>
                      <Input data-testid={`r-${k}-${i}`} />
                    </Form.Item>
                  ))}
                  <Form.Item name={[f.name, 'conclusion']} label="单项结论" style={{ width: 120 }}>
                    <Select
                      options={[
                        { value: 'pass', label: '合格' },
                        { value: 'fail', label: '不合格' },
                      ]}
                      data-testid={`r-conclusion-${i}`}
                    />
                  </Form.Item>
                </Flex>
              </Card>
            ))}
            <Flex gap={8}>
              <Button onClick={() => add(BLANK)}>添加项目</Button>
              <Button type="primary" onClick={() => void save()} data-testid="save-results">
                保存检验结果
              </Button>
            </Flex>
          </>
        )}
      </Form.List>
    </Form>
  )
}

/**
 * 承检样品: a laboratory account's own samples only (the server answers 404 for any other): receive,
 * enter results item by item, issue the report (conforming / non-conforming), and re-test rounds.
 */
export default function SamplingLabPage() {
  const { message } = App.useApp()
  const [tick, setTick] = useState(0)
  const [state, setState] = useState<string | undefined>(undefined)
  const [sel, setSel] = useState<string | null>(null)
  const list = useLoad(
    (signal) => api.get<Page<SamplingSample>>('/api/sampling/lab/samples', { page: 1, pageSize: 100, ...(state ? { state } : {}) }, { signal }),
    [tick, state],
  )
  const d = useLoad((signal) => api.get<SamplingSampleDetail>(`/api/sampling/lab/samples/${sel}`, undefined, { signal }), [sel, tick], !!sel)
  const s = sel ? d.data : null
  return (
    <div>
      <PageHeader title="承检样品" subtitle="本机构受委托检验的样品：收样、录入结果、出具报告" />
      <ResultImport onImported={() => setTick((t) => t + 1)} />
      <Flex gap={16} wrap align="flex-start">
        <Card style={{ flex: '1 1 320px' }}>
          <Select
            allowClear
            placeholder="按状态筛选"
            value={state}
            onChange={setState}
            style={{ width: 180, marginBottom: 8 }}
            options={['sampled', 'testing', 'retesting', 'conforming', 'non_conforming'].map((v) => ({ value: v, label: sampleWorkflow.stateLabel(v) }))}
          />
          <List<SamplingSample>
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: '没有承检样品' }}
            renderItem={(x) => (
              <List.Item
                onClick={() => setSel(x.id)}
                style={{ cursor: 'pointer', display: 'block', background: x.id === sel ? '#e6f4ff' : undefined }}
                data-testid="lab-sample"
              >
                <Flex justify="space-between">
                  <span className="mono">{x.sampleNo}</span>
                  <Tag color={STATE_COLOR[x.state]}>{x.stateLabel}</Tag>
                </Flex>
                <div>
                  {x.productName} · {x.categoryName}
                </div>
              </List.Item>
            )}
          />
        </Card>
        <Card style={{ flex: '2 1 480px' }} title={s ? `${s.sampleNo} · ${s.productName ?? ''}` : '选择左侧样品'}>
          {!s ? (
            <Empty description="选择样品查看与录入" />
          ) : (
            <>
              <Typography.Paragraph>
                送检单位 {s.unitName}；抽样 {s.sampledOn}；数量 检验 {s.quantity}
                {s.quantityUnit}、备份 {s.backupQuantity}
                {s.quantityUnit}
                {s.receivedOn ? `；收样 ${s.receivedOn}` : ''}
              </Typography.Paragraph>
              <div style={{ marginBottom: 12 }}>
                <ActionBar
                  workflow={sampleWorkflow}
                  state={s.state}
                  version={s.version}
                  allowed={s.actions}
                  permissions={['sampling.lab']}
                  size="middle"
                  testId="lab-action"
                  submit={(action, body) => api.post<SamplingSampleDetail>(`/api/sampling/lab/samples/${s.id}/actions/${action}`, body)}
                  onDone={(_, r) => {
                    message.success((r as SamplingSampleDetail).stateLabel)
                    setTick((t) => t + 1)
                  }}
                />
              </div>
              <Results key={`${s.id}-${s.version}`} s={s} onDone={() => setTick((t) => t + 1)} />
              {s.results.length && !(s.state === 'testing' || s.state === 'retesting') ? (
                <List
                  size="small"
                  dataSource={s.results}
                  renderItem={(r) => (
                    <List.Item>{`${r.round === 'retest' ? '复检' : '初检'}｜${r.item}：${r.result} ${r.unit}（${r.limit}）${r.conclusionLabel}`}</List.Item>
                  )}
                />
              ) : null}
            </>
          )}
        </Card>
      </Flex>
    </div>
  )
}
