import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { api, errorMessage } from '../../api/client'
import { useLoad } from '../hooks'
import type { Approval } from '../approvals/labels'
import { CASE_TYPES, PARTY_KINDS } from './labels'

interface LeadRef {
  id: string
  leadNo: string
  version: number
  entityId: string | null
  entityName: string | null
  summary: string
}
interface Values {
  title: string
  caseType: string
  partyKind: 'entity' | 'person'
  personName?: string
  personIdNo?: string
  personAddress?: string
  officerIds: string[]
  facts: string
  filedOn?: Dayjs
}

/**
 * 提请立案: the handler proposes 立案 with the case's data — 案由, type, party (the lead's entity from
 * the register, or a natural person), at least two officers holding enforcement certificates, the
 * filing date. The server checks it now and files an approval request; when the head approves it in
 * 审批待办 the lead is filed, the case opened and the 立案审批表 issued in one transaction.
 */
export function OpenCaseModal({ lead, onClose, onProposed }: { lead: LeadRef | null; onClose: () => void; onProposed?: (a: Approval) => void }) {
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const officers = useLoad(
    (signal) =>
      lead
        ? api.get<{ items: Array<{ userId: string; name: string; certNo: string; unitName: string | null }> }>('/api/cases/officers', undefined, { signal })
        : Promise.resolve({ items: [] }),
    [lead?.id],
  )
  const partyKind = Form.useWatch('partyKind', form) ?? (lead?.entityId ? 'entity' : 'person')
  const submit = async () => {
    if (!lead) return
    const v = await form.validateFields()
    setBusy(true)
    setError(null)
    try {
      const a = await api.post<Approval>('/api/cases/filing-proposals', {
        leadId: lead.id,
        leadVersion: lead.version,
        title: v.title,
        caseType: v.caseType,
        partyKind: v.partyKind,
        ...(v.partyKind === 'person' ? { personName: v.personName, personIdNo: v.personIdNo || undefined, personAddress: v.personAddress || undefined } : {}),
        officerIds: v.officerIds,
        facts: v.facts,
        ...(v.filedOn ? { filedOn: v.filedOn.format('YYYY-MM-DD') } : {}),
      })
      onClose()
      onProposed?.(a)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open={!!lead}
      title={lead ? `提请立案 · ${lead.leadNo}` : ''}
      okText="提请立案审批"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="open-case-error" /> : null}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ partyKind: lead?.entityId ? 'entity' : 'person', facts: lead?.summary, caseType: undefined, officerIds: [] }}
      >
        <Form.Item
          name="title"
          label="案由"
          rules={[
            { required: true, message: '请填写案由' },
            { max: 200, message: '案由最多 200 字' },
          ]}
        >
          <Input id="open-case-title" placeholder="如：涉嫌哄抬口罩价格案" />
        </Form.Item>
        <Form.Item name="caseType" label="案件类型" rules={[{ required: true, message: '请选择案件类型' }]}>
          <Select id="open-case-type" options={Object.entries(CASE_TYPES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="partyKind" label="当事人类别">
          <Select options={Object.entries(PARTY_KINDS).map(([value, label]) => ({ value, label, disabled: value === 'entity' && !lead?.entityId }))} />
        </Form.Item>
        {partyKind === 'entity' ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`当事人：${lead?.entityName ?? ''}（取自经营主体名录）`} />
        ) : (
          <>
            <Form.Item name="personName" label="当事人姓名" rules={[{ required: true, message: '自然人当事人须填写姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="personIdNo" label="身份证件号码（显示时脱敏）" rules={[{ pattern: /^\d{17}[\dXx]$/, message: '身份证号码应为18位' }]}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item name="personAddress" label="住址">
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="officerIds"
          label="办案人员（不少于 2 名持执法证人员）"
          rules={[
            { validator: (_, v: string[] | undefined) => ((v?.length ?? 0) >= 2 ? Promise.resolve() : Promise.reject(new Error('办案人员不得少于 2 人'))) },
          ]}
        >
          <Select
            id="open-case-officers"
            mode="multiple"
            loading={officers.loading}
            optionFilterProp="label"
            options={(officers.data?.items ?? []).map((o) => ({ value: o.userId, label: `${o.name}（${o.certNo}${o.unitName ? `，${o.unitName}` : ''}）` }))}
          />
        </Form.Item>
        <Form.Item name="facts" label="案情摘要" rules={[{ required: true, message: '请填写案情摘要' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="filedOn" label="立案日期（默认今天）">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
