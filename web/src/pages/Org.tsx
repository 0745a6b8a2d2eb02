import { AimOutlined, EditOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Tree,
  Typography,
} from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { UnitFields } from '../../../src/shared/org/schema'
import { api, errorMessage } from '../api/client'
import type { CompetentUnit, DivisionRef, Unit, UnitKind } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { DivisionPicker, DivisionSearchSelect } from '../components/DivisionPicker'
import { applyServerError } from '../components/formError'
import { useSticky } from '../components/hooks'
import { fmtDateTime, UNIT_KIND_OPTIONS } from '../components/labels'
import { PageHeader } from '../components/PageHeader'
import { buildUnitTree, unitPath, useUnits, type UnitNode } from '../components/units'
import { zodRule } from '../components/zodRule'

const KIND_COLOR: Record<UnitKind, string> = {
  province_bureau: 'magenta',
  city_bureau: 'geekblue',
  district_bureau: 'blue',
  station: 'cyan',
  department: 'default',
}

/** Keeps the nodes whose name matches, with their ancestors. */
function filterTree(nodes: UnitNode[], q: string): UnitNode[] {
  if (!q) return nodes
  const out: UnitNode[] = []
  for (const n of nodes) {
    const kids = n.children ? filterTree(n.children, q) : []
    const hit = n.unit.name.includes(q) || (n.unit.shortName ?? '').includes(q) || n.unit.code.toLowerCase().includes(q.toLowerCase())
    if (hit || kids.length) out.push({ ...n, children: kids.length ? kids : hit ? n.children : undefined })
  }
  return out
}

function allKeys(nodes: UnitNode[]): string[] {
  return nodes.flatMap((n) => [n.key, ...(n.children ? allKeys(n.children) : [])])
}

const CHILD_KIND: Partial<Record<UnitKind, UnitKind>> = { province_bureau: 'city_bureau', city_bureau: 'district_bureau', district_bureau: 'station' }

interface UnitForm {
  kind?: UnitKind
  code: string
  name: string
  shortName?: string | null
  sortOrder?: number | null
  address?: string | null
  phone?: string | null
  active?: boolean
  divisions: DivisionRef[]
}

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null)

function UnitDrawer({
  mode,
  unit,
  parent,
  units,
  onClose,
  onSaved,
}: {
  mode: 'edit' | 'create' | null
  unit: Unit | null
  parent: Unit | null
  units: Unit[]
  onClose: () => void
  onSaved: (u: Unit) => void
}) {
  const { message } = App.useApp()
  const [form] = Form.useForm<UnitForm>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const open = mode !== null
  // What the drawer shows, kept while it animates closed.
  const view = useSticky(mode ? { mode, unit, parent } : null) ?? { mode: 'create' as const, unit: null, parent: null }

  useEffect(() => {
    if (!open) return
    setError(null)
    form.resetFields()
    if (mode === 'edit' && unit) {
      form.setFieldsValue({
        code: unit.code,
        name: unit.name,
        shortName: unit.shortName,
        sortOrder: unit.sortOrder,
        address: unit.address,
        phone: unit.phone,
        active: unit.active,
        divisions: unit.divisions,
      })
    } else if (mode === 'create') {
      const kind = (parent && CHILD_KIND[parent.kind]) ?? 'department'
      const siblings = units.filter((u) => u.parentId === (parent?.id ?? null))
      form.setFieldsValue({
        kind,
        code: parent ? `${parent.code}-` : '',
        sortOrder: siblings.length ? Math.max(...siblings.map((s) => s.sortOrder)) + 1 : 0,
        divisions: [],
      })
    }
  }, [open, mode, unit, parent, units, form])

  // Browse divisions from the parent's own jurisdiction (a district bureau's stations pick its townships).
  const contextUnit = mode === 'edit' ? units.find((u) => u.id === unit?.parentId) : parent
  const rootParent = contextUnit?.divisions[0]?.code

  const onFinish = async (v: UnitForm) => {
    setSaving(true)
    setError(null)
    const common = {
      code: v.code.trim(),
      name: v.name.trim(),
      shortName: blankToNull(v.shortName),
      sortOrder: v.sortOrder ?? 0,
      address: blankToNull(v.address),
      phone: blankToNull(v.phone),
      divisionCodes: (v.divisions ?? []).map((d) => d.code),
    }
    try {
      let saved: Unit
      if (mode === 'edit' && unit) {
        saved = await api.patch<Unit>(`/api/org/units/${unit.id}`, { ...common, active: v.active ?? true, expectedVersion: unit.version })
        message.success(`已保存“${saved.name}”`)
      } else {
        saved = await api.post<Unit>('/api/org/units', { ...common, parentId: parent?.id ?? null, kind: v.kind })
        message.success(`已新建“${saved.name}”`)
      }
      onSaved(saved)
    } catch (e) {
      setError(applyServerError(form, e, { divisionCodes: 'divisions' }))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={view.mode === 'edit' ? `编辑机构：${view.unit?.name ?? ''}` : `新建下级机构${view.parent ? `（上级：${view.parent.name}）` : ''}`}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            保存
          </Button>
        </Flex>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<UnitForm> form={form} layout="vertical" onFinish={onFinish} scrollToFirstError>
        {view.mode === 'create' ? (
          <Form.Item label="机构类型" name="kind" rules={[{ required: true, message: '请选择机构类型' }]}>
            <Select options={UNIT_KIND_OPTIONS} />
          </Form.Item>
        ) : null}
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item label="机构名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入机构名称' }, zodRule(UnitFields.name)]}>
              <Input placeholder="如：解放区市场监督管理局" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="简称" name="shortName" rules={[zodRule(UnitFields.shortName)]}>
              <Input placeholder="如：解放区局" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item label="机构代码" name="code" rules={[{ required: true, message: '请输入机构代码' }, zodRule(UnitFields.code)]}>
              <Input placeholder="如：JZ-410802" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="排序号" name="sortOrder" tooltip="同级机构按排序号从小到大排列">
              <InputNumber style={{ width: '100%' }} min={0} precision={0} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="地址" name="address" rules={[zodRule(UnitFields.address)]}>
          <Input />
        </Form.Item>
        <Form.Item label="联系电话" name="phone" rules={[zodRule(UnitFields.phone)]}>
          <Input />
        </Form.Item>
        {view.mode === 'edit' ? (
          <Form.Item label="启用状态" name="active" valuePropName="checked" tooltip="停用的机构不再出现在管辖查找结果中">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        ) : null}
        <Form.Item label="管辖区划" name="divisions" tooltip="群众投诉举报按行政区划自动分派到管辖机构；下级机构的区划应在上级机构的区划范围内">
          <DivisionPicker rootParent={rootParent} />
        </Form.Item>
      </Form>
    </Drawer>
  )
}

function CompetentLookup({ onLocate }: { onLocate: (unitId: string) => void }) {
  const [code, setCode] = useState<string | null>(null)
  const [result, setResult] = useState<CompetentUnit | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!code) {
      setResult(null)
      setError(null)
      return
    }
    let live = true
    setLoading(true)
    setError(null)
    api
      .get<CompetentUnit>('/api/org/competent-unit', { division: code })
      .then((r) => live && setResult(r))
      .catch((e) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [code])

  return (
    <Card
      title={
        <span>
          <AimOutlined /> 管辖机构查询
        </span>
      }
      size="small"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        输入街道、乡镇或区县名称，查询由哪个机构管辖（按最具体的区划匹配）。
      </Typography.Paragraph>
      <DivisionSearchSelect value={code} onChange={(c) => setCode(c)} style={{ width: '100%' }} id="competent-division" />
      <div style={{ marginTop: 12, minHeight: 40 }}>
        {loading ? (
          <Skeleton active paragraph={{ rows: 1 }} />
        ) : error ? (
          <Alert type="error" showIcon title={error} />
        ) : result ? (
          result.unit ? (
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'd', label: '行政区划', children: result.division?.fullName ?? code },
                {
                  key: 'u',
                  label: '管辖机构',
                  children: (
                    <Space wrap>
                      <Typography.Text strong>{result.unit.name}</Typography.Text>
                      <Tag color={KIND_COLOR[result.unit.kind]}>{result.unit.kindLabel}</Tag>
                      <Button size="small" type="link" onClick={() => onLocate(result.unit!.id)}>
                        在机构树中定位
                      </Button>
                    </Space>
                  ),
                },
                {
                  key: 'm',
                  label: '匹配依据',
                  children:
                    result.matchedCode && result.matchedCode !== result.division?.code
                      ? `未单独设置该区划，按上级区划 ${result.matchedCode} 匹配`
                      : `区划 ${result.matchedCode ?? ''} 直接匹配`,
                },
              ]}
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              title={`${result.division?.fullName ?? code} 没有对应的管辖机构`}
              description="该区划不在任何机构的管辖范围内，或超出您的数据范围。"
            />
          )
        ) : null}
      </div>
    </Card>
  )
}

export default function OrgPage() {
  const { can } = useAuth()
  const units = useUnits()
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [search, setSearch] = useState('')
  const [expanded, setExpanded] = useState<string[] | null>(null)
  const [drawer, setDrawer] = useState<'edit' | 'create' | null>(null)
  const list = useMemo(() => units.data ?? [], [units.data])
  const tree = useMemo(() => buildUnitTree(list), [list])
  const shown = useMemo(() => filterTree(tree, search.trim()), [tree, search])
  const selected = list.find((u) => u.id === selectedId) ?? null
  const children = useMemo(() => list.filter((u) => u.parentId === selectedId).sort((a, b) => a.sortOrder - b.sortOrder), [list, selectedId])
  const manage = can('org.manage')
  // A unit just saved: shown in the tree once the reloaded list holds it.
  const [pending, setPending] = useState<string | null>(null)

  // Select the first root and open the first level once loaded.
  useEffect(() => {
    if (!tree.length) return
    if (!selectedId) setSelectedId(tree[0]!.key)
    if (expanded === null) setExpanded(tree.map((n) => n.key))
  }, [tree, selectedId, expanded])

  const locate = (id: string) => {
    setSelectedId(id)
    setSearch('')
    const path = unitPath(list, id).map((u) => u.id)
    setExpanded((e) => [...new Set([...(e ?? []), ...path.slice(0, -1)])])
  }

  useEffect(() => {
    if (pending && list.some((u) => u.id === pending)) {
      locate(pending)
      setPending(null)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending, list])

  const treeData = useMemo(() => {
    const render = (nodes: UnitNode[]): object[] =>
      nodes.map((n) => ({
        key: n.key,
        title: (
          <span className={n.unit.active ? '' : 'unit-inactive'} data-unit-name={n.unit.name}>
            {n.unit.name}
            {n.unit.kind !== 'department' ? (
              <Tag color={KIND_COLOR[n.unit.kind]} className="tree-tag">
                {n.unit.kindLabel}
              </Tag>
            ) : null}
            {!n.unit.active ? <Tag className="tree-tag">已停用</Tag> : null}
          </span>
        ),
        children: n.children ? render(n.children) : undefined,
      }))
    return render(shown)
  }, [shown])

  return (
    <div className="page">
      <PageHeader
        title="机构管理"
        subtitle={`共 ${list.length} 个机构（按您的数据范围显示）`}
        extra={
          <Button icon={<ReloadOutlined />} onClick={units.reload} loading={units.loading}>
            刷新
          </Button>
        }
      />
      {units.error ? <Alert type="error" showIcon title={units.error} className="page-alert" /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card title="机构树" size="small" className="tree-card">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder="按名称或代码筛选"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 8 }}
            />
            {units.loading && !units.data ? (
              <Skeleton active paragraph={{ rows: 8 }} />
            ) : shown.length ? (
              <div className="tree-scroll">
                <Tree
                  blockNode
                  showLine={{ showLeafIcon: false }}
                  treeData={treeData as never}
                  selectedKeys={selectedId ? [selectedId] : []}
                  expandedKeys={search.trim() ? allKeys(shown) : (expanded ?? [])}
                  onExpand={(keys) => setExpanded(keys as string[])}
                  onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
                />
              </div>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={search ? '没有匹配的机构' : '暂无机构'} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            <Card
              size="small"
              title={selected ? selected.name : '机构详情'}
              extra={
                selected && manage ? (
                  <Space>
                    <Button icon={<PlusOutlined />} onClick={() => setDrawer('create')}>
                      新建下级机构
                    </Button>
                    <Button type="primary" icon={<EditOutlined />} onClick={() => setDrawer('edit')}>
                      编辑
                    </Button>
                  </Space>
                ) : null
              }
            >
              {selected ? (
                <>
                  <Descriptions
                    size="small"
                    column={{ xs: 1, sm: 2 }}
                    items={[
                      { key: 'kind', label: '类型', children: <Tag color={KIND_COLOR[selected.kind]}>{selected.kindLabel}</Tag> },
                      {
                        key: 'status',
                        label: '状态',
                        children: selected.active ? <Badge status="success" text="启用" /> : <Badge status="default" text="已停用" />,
                      },
                      { key: 'code', label: '机构代码', children: <Typography.Text copyable>{selected.code}</Typography.Text> },
                      { key: 'short', label: '简称', children: selected.shortName ?? '—' },
                      {
                        key: 'parent',
                        label: '上级机构',
                        children: list.find((u) => u.id === selected.parentId)?.name ?? (selected.parentId ? '（超出数据范围）' : '—'),
                      },
                      { key: 'sort', label: '排序号', children: selected.sortOrder },
                      { key: 'addr', label: '地址', children: selected.address ?? '—' },
                      { key: 'phone', label: '联系电话', children: selected.phone ?? '—' },
                      {
                        key: 'div',
                        label: '管辖区划',
                        span: 'filled',
                        children: selected.divisions.length ? (
                          <Flex wrap gap={4}>
                            {selected.divisions.map((d) => (
                              <Tag key={d.code}>
                                {d.name} <Typography.Text type="secondary">{d.code}</Typography.Text>
                              </Tag>
                            ))}
                          </Flex>
                        ) : (
                          <Typography.Text type="secondary">未设置（内设科室通常不设管辖区划）</Typography.Text>
                        ),
                      },
                      { key: 'upd', label: '最后修改', children: `${fmtDateTime(selected.updatedAt)}（第 ${selected.version} 版）` },
                    ]}
                  />
                  <Typography.Title level={5} style={{ marginTop: 16 }}>
                    下级机构（{children.length}）
                  </Typography.Title>
                  <Table<Unit>
                    size="small"
                    rowKey="id"
                    dataSource={children}
                    pagination={children.length > 8 ? { pageSize: 8, size: 'small' } : false}
                    locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有下级机构" /> }}
                    onRow={(u) => ({ onClick: () => locate(u.id), style: { cursor: 'pointer' } })}
                    columns={[
                      { title: '名称', dataIndex: 'name' },
                      { title: '类型', dataIndex: 'kindLabel', width: 110, render: (v: string, u) => <Tag color={KIND_COLOR[u.kind]}>{v}</Tag> },
                      { title: '管辖区划', dataIndex: 'divisions', render: (d: DivisionRef[]) => (d.length ? `${d.length} 个` : '—'), width: 100 },
                      {
                        title: '状态',
                        dataIndex: 'active',
                        width: 80,
                        render: (a: boolean) => (a ? <Badge status="success" text="启用" /> : <Badge status="default" text="停用" />),
                      },
                    ]}
                  />
                </>
              ) : units.loading ? (
                <Skeleton active />
              ) : (
                <Empty description="请在左侧选择机构" />
              )}
            </Card>
            <CompetentLookup onLocate={locate} />
          </Flex>
        </Col>
      </Row>
      <UnitDrawer
        mode={drawer}
        unit={selected}
        parent={drawer === 'create' ? selected : null}
        units={list}
        onClose={() => setDrawer(null)}
        onSaved={(u) => {
          setDrawer(null)
          setPending(u.id)
          units.reload()
        }}
      />
    </div>
  )
}
