import { Alert, App, Button, Card, Form, Input, Radio, Select } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import { CASE_TYPES, type CaseDetail } from '../components/cases/labels'
import { useLoad } from '../components/hooks'
import { PageHeader } from '../components/PageHeader'
import { useAuth } from '../auth/AuthContext'
import { beijingToday } from '../../../src/shared/time'
import { yuanToFen } from '../../../src/shared/cases/case.inputs'

interface Values {
  caseType: string
  partyKind: 'entity' | 'person'
  entityId?: string
  personName?: string
  personIdNo?: string
  penaltyType: 'warning' | 'fine'
  fineYuan?: string
  facts: string
  place: string
  evidence: string
  violated: string
  basis: string
  officerIds: string[]
  on: string
}

/**
 * 当场处罚 (简易程序) for field staff at phone width: warning or a small fine entered in yuan (the
 * server checks the catalogue's limits: CNY 200 for a person, CNY 3,000 for an organisation), at
 * least two certified officers including oneself; the decision document is printed on the case page.
 */
export default function CaseOnSpot() {
  const { message } = App.useApp()
  const { me } = useAuth()
  const nav = useNavigate()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [entityOptions, setEntityOptions] = useState<Array<{ value: string; label: string }>>([])
  const officers = useLoad(
    (signal) => api.get<{ items: Array<{ userId: string; name: string; certNo: string }> }>('/api/cases/officers', undefined, { signal }),
    [],
  )
  const partyKind = Form.useWatch('partyKind', form) ?? 'person'
  const penaltyType = Form.useWatch('penaltyType', form) ?? 'fine'
  const submit = async () => {
    const v = await form.validateFields()
    setBusy(true)
    setError(null)
    try {
      const c = await api.post<CaseDetail>('/api/cases/on-spot', {
        caseType: v.caseType,
        partyKind: v.partyKind,
        ...(v.partyKind === 'entity' ? { entityId: v.entityId } : { personName: v.personName, personIdNo: v.personIdNo || undefined }),
        penaltyType: v.penaltyType,
        ...(v.penaltyType === 'fine' ? { fineYuan: v.fineYuan } : {}),
        facts: v.facts,
        place: v.place,
        evidence: v.evidence,
        violated: v.violated,
        basis: v.basis,
        officerIds: v.officerIds,
        on: v.on,
      })
      message.success(`已作出当场处罚决定 ${c.decisionNo ?? ''}`)
      nav(`/cases/${c.id}`)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="c-narrow" style={{ maxWidth: 640 }}>
      <PageHeader title="当场处罚（简易程序）" subtitle="警告，或对公民 200 元以下、对法人或者其他组织 3000 元以下罚款（行政处罚法第五十一条）" />
      <Card size="small">
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="onspot-error" /> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ partyKind: 'person', penaltyType: 'fine', caseType: 'price', on: beijingToday(), officerIds: me ? [me.user.id] : [] }}
          onFinish={() => void submit()}
        >
          <Form.Item name="caseType" label="案件类型" rules={[{ required: true }]}>
            <Select options={Object.entries(CASE_TYPES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="partyKind" label="当事人">
            <Radio.Group
              options={[
                { value: 'person', label: '自然人' },
                { value: 'entity', label: '经营主体' },
              ]}
              optionType="button"
            />
          </Form.Item>
          {partyKind === 'entity' ? (
            <Form.Item name="entityId" label="经营主体（输入名称或信用代码检索）" rules={[{ required: true, message: '请选择经营主体' }]}>
              <Select
                showSearch
                filterOption={false}
                options={entityOptions}
                data-testid="onspot-entity"
                onSearch={async (q) => {
                  if (q.trim().length < 2) return
                  const isCode = /^[0-9A-Z]{15,18}$/i.test(q.trim())
                  const r = await api.get<{ items: { id: string; name: string; uscc: string | null }[] }>(
                    '/api/entities',
                    isCode ? { uscc: q.trim(), pageSize: 10 } : { name: q.trim(), pageSize: 10 },
                  )
                  setEntityOptions(r.items.map((e) => ({ value: e.id, label: `${e.name}（${e.uscc ?? ''}）` })))
                }}
              />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="personName" label="姓名" rules={[{ required: true, message: '请填写姓名' }, { max: 50 }]}>
                <Input data-testid="onspot-person" autoComplete="off" />
              </Form.Item>
              <Form.Item name="personIdNo" label="身份证号码（选填）" rules={[{ pattern: /^\d{17}[\dXx]$/, message: '身份证号码应为18位' }]}>
                <Input autoComplete="off" inputMode="numeric" />
              </Form.Item>
            </>
          )}
          <Form.Item name="penaltyType" label="处罚">
            <Radio.Group
              options={[
                { value: 'fine', label: '罚款' },
                { value: 'warning', label: '警告' },
              ]}
              optionType="button"
            />
          </Form.Item>
          {penaltyType === 'fine' ? (
            <Form.Item
              name="fineYuan"
              label="罚款金额（元）"
              rules={[
                { required: true, message: '请填写罚款金额' },
                { validator: async (_r, v: string) => (v && !yuanToFen(v) ? Promise.reject(new Error('应为金额，最多两位小数')) : undefined) },
              ]}
            >
              <Input inputMode="decimal" placeholder="如 150.00" data-testid="onspot-fine" />
            </Form.Item>
          ) : null}
          <Form.Item name="facts" label="违法事实" rules={[{ required: true, message: '请填写违法事实' }, { max: 2000 }]}>
            <Input.TextArea rows={3} data-testid="onspot-facts" />
          </Form.Item>
          <Form.Item name="place" label="违法地点" rules={[{ required: true, message: '请填写违法地点' }, { max: 200 }]}>
            <Input data-testid="onspot-place" />
          </Form.Item>
          <Form.Item name="evidence" label="证据" rules={[{ required: true, message: '请填写证据' }, { max: 1000 }]}>
            <Input placeholder="如：现场照片、现场笔录" data-testid="onspot-evidence" />
          </Form.Item>
          <Form.Item name="violated" label="违反的规定" rules={[{ required: true, message: '请填写违反的规定' }, { max: 1000 }]}>
            <Input data-testid="onspot-violated" />
          </Form.Item>
          <Form.Item name="basis" label="处罚依据" rules={[{ required: true, message: '请填写处罚依据' }, { max: 1000 }]}>
            <Input data-testid="onspot-basis" />
          </Form.Item>
          <Form.Item
            name="officerIds"
            label="执法人员（至少 2 人，持执法证）"
            rules={[{ required: true, type: 'array', min: 2, message: '执法人员不得少于 2 人' }]}
          >
            <Select
              mode="multiple"
              optionFilterProp="label"
              data-testid="onspot-officers"
              loading={officers.loading}
              options={(officers.data?.items ?? []).map((o) => ({ value: o.userId, label: `${o.name}（${o.certNo}）` }))}
            />
          </Form.Item>
          <Form.Item name="on" label="处罚日期" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式 YYYY-MM-DD' }]}>
            <Input inputMode="numeric" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="onspot-submit">
            作出当场处罚决定
          </Button>
        </Form>
      </Card>
    </div>
  )
}
