import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Col, Empty, Form, Row, Select, Tooltip, Typography } from 'antd'
import type { Role, Unit } from '../api/types'
import { ROLE_LABELS, SCOPE_OPTIONS } from './labels'
import { UnitTreeSelect } from './UnitTreeSelect'

/** Suggested data scope when a role is picked. */
const DEFAULT_SCOPE: Record<string, string> = {
  sys_admin: 'unit_tree',
  bureau_leader: 'unit_tree',
  auditor: 'unit_tree',
  operator_12315: 'unit',
  case_handler: 'unit',
  inspector: 'unit',
  credit_officer: 'unit',
  reporter_custodian: 'unit_tree',
}

/**
 * Rows of role × unit × scope inside a parent Form (field `name`, default "grants").
 * `defaultUnitId` pre-fills the unit of a new row.
 */
export function GrantsEditor({
  roles,
  units,
  unitsLoading,
  name = 'grants',
  defaultUnitId,
}: {
  roles: Role[]
  units: Unit[] | undefined
  unitsLoading?: boolean
  name?: string
  defaultUnitId?: string
}) {
  const form = Form.useFormInstance()
  const roleOptions = (
    roles.length
      ? roles.map((r) => ({ value: r.code, label: r.label, cert: r.requiresCertificate }))
      : Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label, cert: false }))
  ).map((o) => ({
    value: o.value,
    label: o.cert ? `${o.label}（须执法证）` : o.label,
  }))
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div className="grants-editor">
          {fields.length ? (
            <Row gutter={8} className="grants-head">
              <Col span={8}>角色</Col>
              <Col span={9}>授权机构</Col>
              <Col span={5}>数据范围</Col>
              <Col span={2} />
            </Row>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未授予角色：该用户登录后没有任何功能" style={{ margin: '8px 0' }} />
          )}
          {fields.map((f) => (
            <Row gutter={8} key={f.key} align="top" data-testid="grant-row">
              <Col span={8}>
                <Form.Item name={[f.name, 'role']} rules={[{ required: true, message: '请选择角色' }]}>
                  <Select
                    placeholder="角色"
                    options={roleOptions}
                    onChange={(role: string) => {
                      const scope = DEFAULT_SCOPE[role]
                      if (scope) form.setFieldValue([name, f.name, 'scope'], scope)
                    }}
                  />
                </Form.Item>
              </Col>
              <Col span={9}>
                <Form.Item name={[f.name, 'unitId']} rules={[{ required: true, message: '请选择机构' }]}>
                  <UnitTreeSelect units={units} loading={unitsLoading} placeholder="授权机构" />
                </Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item name={[f.name, 'scope']} rules={[{ required: true, message: '请选择范围' }]}>
                  <Select placeholder="范围" options={SCOPE_OPTIONS} popupMatchSelectWidth={false} />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Tooltip title="移除此授权">
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="移除此授权" />
                </Tooltip>
              </Col>
            </Row>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ unitId: defaultUnitId, scope: 'unit' })} data-testid="add-grant">
            添加角色授权
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            数据范围：全部 = 不限机构；本单位及下级 = 授权机构及其所有下级；仅本单位 = 只含授权机构；仅本人 = 只含本人经办的数据。
          </Typography.Paragraph>
        </div>
      )}
    </Form.List>
  )
}
