import { CheckCircleFilled, ExclamationCircleFilled, LoadingOutlined } from '@ant-design/icons'
import { Alert, App, AutoComplete, Button, Checkbox, Col, DatePicker, Divider, Drawer, Flex, Form, Input, Row, Select, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useRef, useState } from 'react'
import { ChangeReason, EntityCreateFields, EntityFields, EntityName, IndustryCode, RegNo } from '../../../src/shared/entities/schema'
import { api, ApiError } from '../api/client'
import type { EntityStatus, EntityTag, MarketEntity, RiskClass, UsccCheck } from '../api/types'
import { DivisionFilterSelect } from './DivisionFilterSelect'
import { applyServerError } from './formError'
import { useSticky } from './hooks'
import { zodRule } from './zodRule'
import { ENTITY_KIND_OPTIONS, ENTITY_STATUS_OPTIONS, ENTITY_TAG_OPTIONS, RISK_CLASS_OPTIONS } from './labels'
import { useUnits } from './units'

const ENTITY_TYPES = [
  '有限责任公司',
  '有限责任公司（自然人独资）',
  '股份有限公司',
  '个人独资企业',
  '合伙企业',
  '分公司',
  '个体工商户',
  '农民专业合作社',
  '外商投资企业',
  '集体所有制企业',
  '全民所有制企业',
]

interface EntityForm {
  uscc?: string
  regNo?: string
  checksumException?: boolean
  checksumExceptionReason?: string
  name: string
  entityType?: string
  legalRep?: string
  domicile?: string
  domicileDivision?: string
  businessAddress?: string
  businessDivision?: string
  industryCode?: string
  registeredOn?: Dayjs | null
  regAuthority?: string
  status: EntityStatus
  riskClass?: RiskClass
  tags?: EntityTag[]
  platformName?: string
  reason?: string
}

const EDITABLE = [
  'name',
  'entityType',
  'legalRep',
  'domicile',
  'domicileDivision',
  'businessAddress',
  'businessDivision',
  'industryCode',
  'registeredOn',
  'regAuthority',
  'status',
  'riskClass',
  'tags',
  'platformName',
] as const
type Editable = (typeof EDITABLE)[number]

const blank = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null)

/** The form's values as the API's fields (blank → null). */
function toBody(v: EntityForm): Record<Editable, unknown> {
  return {
    name: v.name.trim(),
    entityType: blank(v.entityType),
    legalRep: blank(v.legalRep),
    domicile: blank(v.domicile),
    domicileDivision: v.domicileDivision ?? null,
    businessAddress: blank(v.businessAddress),
    businessDivision: v.businessDivision ?? null,
    industryCode: blank(v.industryCode)?.toUpperCase() ?? null,
    registeredOn: v.registeredOn ? v.registeredOn.format('YYYY-MM-DD') : null,
    regAuthority: blank(v.regAuthority),
    status: v.status,
    riskClass: v.riskClass ?? null,
    tags: v.tags ?? [],
    platformName: blank(v.platformName),
  }
}

function fromEntity(e: MarketEntity): EntityForm {
  return {
    uscc: e.uscc ?? undefined,
    regNo: e.regNo ?? undefined,
    name: e.name,
    entityType: e.entityType ?? undefined,
    legalRep: e.legalRep ?? undefined,
    domicile: e.domicile ?? undefined,
    domicileDivision: e.domicileDivision ?? undefined,
    businessAddress: e.businessAddress ?? undefined,
    businessDivision: e.businessDivision ?? undefined,
    industryCode: e.industryCode ?? undefined,
    registeredOn: e.registeredOn ? dayjs(e.registeredOn) : null,
    regAuthority: e.regAuthority ?? undefined,
    status: e.status as EntityStatus,
    riskClass: (e.riskClass as RiskClass | null) ?? undefined,
    tags: e.tags.map((t) => t.code as EntityTag),
    platformName: e.platformName ?? undefined,
  }
}

const kindLabel = (k: string | null) => ENTITY_KIND_OPTIONS.find((o) => o.value === k)?.label ?? k ?? ''

/**
 * Registers an entity by hand (create) or edits one (edit, with the version the user saw).
 * The code is checked live (POST /api/uscc/validate); a code that fails the check can be registered
 * only as an audited checksum exception with a reason.
 */
export function EntityFormDrawer({
  mode,
  entity,
  onClose,
  onSaved,
  onReload,
}: {
  mode: 'create' | 'edit' | null
  entity?: MarketEntity | null
  onClose: () => void
  onSaved: (e: MarketEntity) => void
  /** Edit mode: loads the latest version after a conflict. */
  onReload?: () => void
}) {
  const { message } = App.useApp()
  const [form] = Form.useForm<EntityForm>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<{ text: string; conflict: boolean } | null>(null)
  const [check, setCheck] = useState<UsccCheck | null>(null)
  const [checking, setChecking] = useState(false)
  const cache = useRef(new Map<string, UsccCheck>())
  const open = mode !== null
  const units = useUnits(open)
  const view = useSticky(mode ? { mode, entity: entity ?? null } : null) ?? { mode: 'create' as const, entity: null }
  const exception = Form.useWatch('checksumException', form)
  const uscc = Form.useWatch('uscc', form)

  // The drawer's form mounts afresh on every opening (destroyOnHidden) with these values; a newer
  // version of the entity arriving while it is open (after a conflict) resets the form to it.
  const initial: Partial<EntityForm> = mode === 'edit' && entity ? fromEntity(entity) : { status: 'active', tags: [] }
  const shownVersion = useRef<string | null>(null)
  useEffect(() => {
    if (!open) {
      shownVersion.current = null
      return
    }
    const v = `${entity?.id}:${entity?.version}`
    if (shownVersion.current === null) {
      setError(null)
      setCheck(null)
    } else if (shownVersion.current !== v && mode === 'edit') form.resetFields()
    shownVersion.current = v
  }, [open, mode, entity?.id, entity?.version, form])

  const validateCode = async (code: string): Promise<UsccCheck> => {
    const hit = cache.current.get(code)
    if (hit) return hit
    setChecking(true)
    try {
      const r = await api.post<{ items: UsccCheck[] }>('/api/uscc/validate', { codes: [code] })
      const c = r.items[0]!
      cache.current.set(code, c)
      return c
    } finally {
      setChecking(false)
    }
  }

  const onFinish = async (v: EntityForm) => {
    setSaving(true)
    setError(null)
    try {
      if (mode === 'create') {
        const body: Record<string, unknown> = { ...toBody(v), checksumException: !!v.checksumException }
        for (const k of Object.keys(body)) if (body[k] === null) delete body[k]
        if (blank(v.uscc)) body.uscc = blank(v.uscc)
        if (blank(v.regNo)) body.regNo = blank(v.regNo)
        if (v.checksumException) body.checksumExceptionReason = blank(v.checksumExceptionReason)
        const saved = await api.post<MarketEntity>('/api/entities', body)
        message.success(`已登记“${saved.name}”`)
        onSaved(saved)
      } else if (entity) {
        const now = toBody(v)
        const was = toBody(fromEntity(entity))
        const changed: Record<string, unknown> = {}
        for (const k of EDITABLE) if (JSON.stringify(now[k]) !== JSON.stringify(was[k])) changed[k] = now[k]
        if (!Object.keys(changed).length) {
          message.info('没有修改任何内容')
          onClose()
          return
        }
        const saved = await api.patch<MarketEntity>(`/api/entities/${entity.id}`, {
          expectedVersion: entity.version,
          ...changed,
          ...(blank(v.reason) ? { reason: blank(v.reason) } : {}),
        })
        message.success(`已保存“${saved.name}”`)
        onSaved(saved)
      }
    } catch (e) {
      const conflict = e instanceof ApiError && e.status === 409 && mode === 'edit'
      setError({ text: applyServerError(form, e), conflict })
    } finally {
      setSaving(false)
    }
  }

  const code = (uscc ?? '').trim()
  // The exception applies to a well-formed code whose check characters (positions 17, 18) or whose
  // division code (an early pilot's) do not match; never to a wrong length or character.
  const exceptionPossible =
    mode === 'create' && !!check && !check.valid && check.code === code && (!!check.expected || /^第 3–8 位行政区划码“\d{6}”不是有效/.test(check.reason ?? ''))

  let usccHelp: React.ReactNode = '18 位；与营业执照一致'
  if (checking)
    usccHelp = (
      <span>
        <LoadingOutlined /> 正在校验…
      </span>
    )
  else if (check && check.code === code && check.valid) {
    usccHelp = (
      <span className="uscc-ok" data-testid="uscc-check">
        <CheckCircleFilled /> 校验通过{check.kind ? ` · ${kindLabel(check.kind)}` : ''}
      </span>
    )
  } else if (check && check.code === code && exception) {
    usccHelp = (
      <span className="uscc-warn" data-testid="uscc-check">
        <ExclamationCircleFilled /> {check.reason}（按校验例外登记）
      </span>
    )
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={view.mode === 'create' ? '新增经营主体（手工登记）' : `编辑经营主体：${view.entity?.name ?? ''}`}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="entity-save">
            {view.mode === 'create' ? '登记' : '保存'}
          </Button>
        </Flex>
      }
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error.conflict ? '保存失败：该经营主体已被他人修改' : error.text}
          description={error.conflict ? '请刷新载入最新数据后重新修改。刷新将放弃您在本页的改动。' : undefined}
          action={
            error.conflict && onReload ? (
              <Button
                size="small"
                onClick={() => {
                  setError(null)
                  onReload()
                }}
              >
                刷新
              </Button>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
          data-testid="form-error"
        />
      ) : null}
      <Form<EntityForm> form={form} name="entity" layout="vertical" onFinish={onFinish} scrollToFirstError preserve={false} initialValues={initial}>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item
              label="统一社会信用代码"
              name="uscc"
              normalize={(v?: string) => v?.toUpperCase().replace(/\s/g, '')}
              validateDebounce={300}
              dependencies={['checksumException']}
              help={view.mode === 'edit' ? '代码不可修改' : undefined}
              extra={view.mode === 'create' ? usccHelp : undefined}
              rules={[
                zodRule(EntityCreateFields.uscc),
                {
                  validator: async (_r, value?: string) => {
                    if (mode !== 'create' || !value) return
                    const c = await validateCode(value)
                    setCheck(c)
                    if (!c.valid && !form.getFieldValue('checksumException')) throw new Error(c.reason ?? '代码校验不通过')
                  },
                },
              ]}
            >
              <Input placeholder="如：91410800MA00000001" disabled={view.mode === 'edit'} autoComplete="off" className="mono" maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              label="注册号"
              name="regNo"
              dependencies={['uscc']}
              extra={view.mode === 'create' ? '无信用代码的早期主体填写 15 位注册号' : undefined}
              rules={[
                zodRule(RegNo),
                ({ getFieldValue }) => ({
                  validator: async (_r, value?: string) => {
                    if (mode === 'create' && !blank(value) && !blank(getFieldValue('uscc') as string | undefined))
                      throw new Error('统一社会信用代码与注册号至少填写一项')
                  },
                }),
              ]}
            >
              <Input placeholder="选填" disabled={view.mode === 'edit'} autoComplete="off" className="mono" />
            </Form.Item>
          </Col>
        </Row>
        {exceptionPossible ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="uscc-exception"
            title={check.reason}
            description={
              <div>
                <Typography.Paragraph style={{ marginBottom: 8 }}>
                  请先核对营业执照。如确认是早期试点时期赋予、与执照一致的代码，可按“校验例外”登记；系统将记录理由并写入审计日志。
                </Typography.Paragraph>
                <Form.Item name="checksumException" valuePropName="checked" style={{ marginBottom: exception ? 8 : 0 }}>
                  <Checkbox>按校验例外登记（已核对营业执照）</Checkbox>
                </Form.Item>
                {exception ? (
                  <Form.Item
                    name="checksumExceptionReason"
                    label="例外理由"
                    style={{ marginBottom: 0 }}
                    rules={[{ required: true, whitespace: true, message: '请填写例外理由' }, zodRule(EntityCreateFields.checksumExceptionReason)]}
                  >
                    <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：早期试点代码，已核对营业执照原件（执照编号……）" />
                  </Form.Item>
                ) : null}
              </div>
            }
          />
        ) : null}
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }, zodRule(EntityName)]}>
          <Input placeholder="与营业执照一致" autoComplete="off" maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="主体类型" name="entityType" rules={[zodRule(EntityFields.entityType)]}>
              <AutoComplete
                options={ENTITY_TYPES.map((t) => ({ value: t }))}
                placeholder="如：有限责任公司"
                allowClear
                showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input) }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="法定代表人（负责人、经营者）" name="legalRep" rules={[zodRule(EntityFields.legalRep)]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item label="经营场所" name="businessAddress" rules={[zodRule(EntityFields.businessAddress)]}>
              <Input autoComplete="off" placeholder="实际经营地址" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              label="经营场所行政区划"
              name="businessDivision"
              tooltip="决定管辖的市场监管所"
              rules={view.mode === 'create' ? [{ required: true, message: '请选择经营场所所在的乡镇（街道），用于确定管辖机构' }] : []}
            >
              <DivisionFilterSelect units={units.data} placeholder="选择乡镇（街道）" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item label="住所" name="domicile" rules={[zodRule(EntityFields.domicile)]}>
              <Input autoComplete="off" placeholder="营业执照登记的住所" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="住所行政区划" name="domicileDivision">
              <DivisionFilterSelect units={units.data} placeholder="选择乡镇（街道）" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label="成立日期" name="registeredOn">
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="行业代码" name="industryCode" rules={[zodRule(IndustryCode)]}>
              <Input placeholder="如：H6241" autoComplete="off" className="mono" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="登记机关" name="regAuthority" rules={[zodRule(EntityFields.regAuthority)]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          监管信息
        </Divider>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label="登记状态" name="status" rules={[{ required: true, message: '请选择登记状态' }]}>
              <Select options={ENTITY_STATUS_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="风险等级" name="riskClass">
              <Select allowClear options={RISK_CLASS_OPTIONS} placeholder="未分类" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="所在平台" name="platformName" tooltip="平台内经营者所在的网络交易平台" rules={[zodRule(EntityFields.platformName)]}>
              <Input autoComplete="off" placeholder="选填" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="监管标签" name="tags">
          <Select mode="multiple" allowClear options={ENTITY_TAG_OPTIONS} placeholder="选择标签" />
        </Form.Item>
        {view.mode === 'edit' ? (
          <Form.Item label="变更原因" name="reason" rules={[zodRule(ChangeReason)]} extra="记入审计日志，便于日后查证">
            <Input.TextArea rows={2} maxLength={500} placeholder="如：根据登记机关变更通知更新经营场所" />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  )
}
