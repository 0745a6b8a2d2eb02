import { DownOutlined, FileExcelOutlined, PlusOutlined, ReloadOutlined, SafetyCertificateOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Select, Space, Tooltip, Typography } from 'antd'
import { useEffect, useMemo, useRef, useState, type Key } from 'react'
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import type { EntityPage, EntityQuery, MarketEntity } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { DivisionFilterSelect } from '../components/DivisionFilterSelect'
import { EntityCode, EntityTags, RiskTag, StatusTag } from '../components/EntityBits'
import { EntityFormDrawer } from '../components/EntityFormDrawer'
import { useLoad } from '../components/hooks'
import { ListTable, type ListColumn } from '../components/ListTable'
import { ENTITY_KIND_OPTIONS, ENTITY_STATUS_FILTER_OPTIONS, ENTITY_TAG_OPTIONS, fmtCount, INDUSTRY_OPTIONS, RISK_CLASS_OPTIONS } from '../components/labels'
import { startExportJob } from '../components/startJob'
import { PageHeader } from '../components/PageHeader'
import { UnitTreeSelect } from '../components/UnitTreeSelect'
import { useUnits } from '../components/units'
import { UsccBatchModal } from '../components/UsccBatchModal'

const PAGE_SIZES = [10, 20, 50, 100]
/** The server's page-number bound (an offset); the next page is read by cursor at any depth. */
const MAX_PAGE = 100_000

type FilterKey = keyof EntityQuery
const FILTER_KEYS: FilterKey[] = ['uscc', 'name', 'nameMode', 'legalRep', 'division', 'stationId', 'kind', 'tag', 'riskClass', 'status', 'industry']
/** Filters behind 更多条件 (the form opens by itself when one is set). */
const ADVANCED: FilterKey[] = ['stationId', 'kind', 'tag', 'riskClass', 'status', 'industry']

const oneOf = <T extends string>(v: string | null, options: { value: T }[]): T | undefined => (v && options.some((o) => o.value === v) ? (v as T) : undefined)
const text = (v: string | null, max: number) => (v && v.trim() ? v.trim().slice(0, max) : undefined)

/** The search as it stands in the address bar (invalid values are dropped). */
function readParams(p: URLSearchParams): { q: EntityQuery; page: number; pageSize: number } {
  const q: EntityQuery = {
    uscc: text(p.get('uscc'), 40)?.toUpperCase(),
    name: text(p.get('name'), 50),
    nameMode: p.get('nameMode') === 'prefix' ? 'prefix' : undefined,
    legalRep: text(p.get('legalRep'), 50),
    division: /^\d{6}(\d{3})?$/.test(p.get('division') ?? '') ? p.get('division')! : undefined,
    stationId: /^[0-9a-f-]{36}$/i.test(p.get('stationId') ?? '') ? p.get('stationId')! : undefined,
    kind: oneOf(p.get('kind'), ENTITY_KIND_OPTIONS),
    tag: oneOf(p.get('tag'), ENTITY_TAG_OPTIONS),
    riskClass: oneOf(p.get('riskClass'), RISK_CLASS_OPTIONS),
    status: oneOf(p.get('status'), ENTITY_STATUS_FILTER_OPTIONS),
    industry: oneOf(p.get('industry'), INDUSTRY_OPTIONS),
  }
  const pageSize = PAGE_SIZES.includes(Number(p.get('pageSize'))) ? Number(p.get('pageSize')) : 20
  const page = Math.min(MAX_PAGE, Math.max(1, Math.floor(Number(p.get('page')) || 1)))
  return { q, page, pageSize }
}

function toParams(q: EntityQuery, page: number, pageSize: number): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k of FILTER_KEYS) {
    const v = q[k]
    if (v) out[k] = String(v)
  }
  if (!q.name || q.nameMode !== 'prefix') delete out.nameMode
  if (page > 1) out.page = String(page)
  if (pageSize !== 20) out.pageSize = String(pageSize)
  return out
}

interface SearchForm extends Omit<EntityQuery, 'nameMode'> {
  nameMode: 'contains' | 'prefix'
}

/** Short kind words for the narrow column (the full one is in the tooltip). */
const KIND_SHORT: Record<string, string> = { enterprise: '企业', individual: '个体户', cooperative: '合作社', other: '其他' }

/** Drops the leading province and city, which every address in a city's register repeats. */
const shortAddress = (a: string) => a.replace(/^(?:[^省]{2,7}省)?[^市省]{2,7}市(?=.{4,})/, '')

const fmtMB = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(bytes / 1024))} KB`)

export default function EntitiesPage() {
  const { can } = useAuth()
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const location = useLocation()
  const [params, setParams] = useSearchParams()
  const [form] = Form.useForm<SearchForm>()
  const { q, page, pageSize } = useMemo(() => readParams(params), [params])
  const key = JSON.stringify(toParams(q, page, pageSize))
  const units = useUnits()
  // Keyset paging: the cursor each page returns opens the next one (an index range at any depth);
  // a jump to another page number reads by offset.
  const cursors = useRef<{ key: string; next: Map<number, string> }>({ key: '', next: new Map() })
  const filterKey = JSON.stringify(toParams(q, 1, pageSize))
  if (cursors.current.key !== filterKey) cursors.current = { key: filterKey, next: new Map() }
  const list = useLoad(
    async (signal) => {
      const after = cursors.current.next.get(page)
      const r = await api.get<EntityPage>('/api/entities', { ...q, page, pageSize, ...(after ? { after } : {}) }, { signal })
      if (r.nextCursor) cursors.current.next.set(page + 1, r.nextCursor)
      return r
    },
    [key],
  )
  const [expanded, setExpanded] = useState(() => ADVANCED.some((k) => !!q[k]))
  const [creating, setCreating] = useState(false)
  const [batchOpen, setBatchOpen] = useState(false)
  const [exporting, setExporting] = useState<{ received: number } | null>(null)
  const exportCtrl = useRef<AbortController | null>(null)
  // Selected rows survive paging (a few from here, a few from there) until the search changes.
  const [selected, setSelected] = useState<Key[]>([])
  useEffect(() => setSelected([]), [filterKey])

  // The form follows the address bar (back / forward, reload, links).
  useEffect(() => {
    form.resetFields()
    form.setFieldsValue({ ...q, nameMode: q.nameMode ?? 'contains' })
    if (ADVANCED.some((k) => !!q[k])) setExpanded(true)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, form])

  const search = (v: SearchForm) => {
    const next: EntityQuery = {
      uscc: v.uscc?.trim().toUpperCase() || undefined,
      name: v.name?.trim() || undefined,
      nameMode: v.nameMode,
      legalRep: v.legalRep?.trim() || undefined,
      division: v.division,
      stationId: v.stationId,
      kind: v.kind,
      tag: v.tag,
      riskClass: v.riskClass,
      status: v.status,
      industry: v.industry,
    }
    const p = toParams(next, 1, pageSize)
    if (JSON.stringify(p) === key) list.reload()
    else setParams(p)
  }

  const goPage = (p: number, s: number) => setParams(toParams(q, s !== pageSize ? 1 : p, s))

  const open = (e: MarketEntity) => {
    navigate(`/entities/${e.id}`, { state: { from: location.pathname + location.search } })
  }

  const runExport = async () => {
    const ctrl = new AbortController()
    exportCtrl.current = ctrl
    setExporting({ received: 0 })
    try {
      const r = await api.download(
        '/api/entities/export',
        { ...q },
        { signal: ctrl.signal, fallbackName: '经营主体名录.xlsx', onProgress: (received) => setExporting({ received }) },
      )
      message.success(`已导出：${r.fileName}（${fmtMB(r.size)}）`)
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'AbortError')) message.error(`导出失败：${errorMessage(e)}`)
      else message.info('已取消导出')
    } finally {
      exportCtrl.current = null
      setExporting(null)
    }
  }

  const startExport = () => {
    const total = list.data?.total ?? 0
    if (list.data?.totalCapped || total > 50_000) {
      modal.confirm({
        title: `导出符合条件的 ${fmtCount(total, list.data?.totalCapped)} 户经营主体？`,
        content:
          '数据量较大（单次最多 100 万行），将在后台生成 Excel，可能需要几分钟；完成后到“任务中心”下载，期间可以继续使用其他功能。如只需部分数据，请先增加查询条件。',
        okText: '在后台导出',
        cancelText: '取消',
        // A large export runs as a background job: the file waits in 任务中心, whatever the user does meanwhile.
        onOk: () =>
          void startExportJob(message, navigate, 'entity.export', Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== ''))),
      })
    } else void runExport()
  }

  const filtered = FILTER_KEYS.some((k) => k !== 'nameMode' && !!q[k])
  const total = list.data?.total ?? 0
  const capped = !!list.data?.totalCapped
  // A capped count (a substring search past 10,000 matches): the pager always offers the next page.
  const pagerTotal = capped ? Math.max(total, page * pageSize + (list.data?.nextCursor ? pageSize : 0)) : total

  const exportSelected = async () => {
    setExporting({ received: 0 })
    try {
      const r = await api.download('/api/entities/export', { ids: selected.join(',') }, { fallbackName: '经营主体名录.xlsx' })
      message.success(`已导出所选 ${selected.length} 户：${r.fileName}`)
    } catch (e) {
      message.error(`导出失败：${errorMessage(e)}`)
    } finally {
      setExporting(null)
    }
  }

  const columns: ListColumn<MarketEntity>[] = [
    { title: '统一社会信用代码', key: 'code', width: 166, fixedShown: true, render: (_v, e) => <EntityCode entity={e} /> },
    {
      title: '名称',
      key: 'name',
      fixedShown: true,
      render: (_v, e) => (
        <Button
          type="link"
          className="entity-name-link"
          onClick={(ev) => {
            ev.stopPropagation()
            open(e)
          }}
        >
          {e.name}
        </Button>
      ),
    },
    {
      title: '主体类型',
      key: 'kind',
      width: 76,
      render: (_v, e) => (
        <Tooltip title={e.entityType && e.entityType !== e.entityKindLabel ? `${e.entityKindLabel} · ${e.entityType}` : e.entityKindLabel}>
          <span>{KIND_SHORT[e.entityKind] ?? e.entityKindLabel}</span>
        </Tooltip>
      ),
    },
    {
      title: '法定代表人',
      key: 'legalRep',
      dataIndex: 'legalRep',
      width: 92,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: '经营场所',
      key: 'businessAddress',
      dataIndex: 'businessAddress',
      width: 176,
      ellipsis: { showTitle: false },
      render: (v: string | null) =>
        v ? (
          <Tooltip title={v} placement="topLeft">
            {shortAddress(v)}
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '管辖机构',
      key: 'stationName',
      dataIndex: 'stationName',
      width: 100,
      render: (v: string | null) =>
        v ? <Tooltip title={v}>{v.replace(/市场监管所$/, '所')}</Tooltip> : <Typography.Text type="secondary">未匹配</Typography.Text>,
    },
    { title: '登记状态', key: 'status', dataIndex: 'status', width: 80, render: (s: string, e) => <StatusTag status={s} label={e.statusLabel} /> },
    { title: '风险', key: 'riskClass', dataIndex: 'riskClass', width: 56, render: (r: string | null) => <RiskTag risk={r} /> },
    { title: '标签', key: 'tags', dataIndex: 'tags', width: 124, render: (t: MarketEntity['tags']) => <EntityTags tags={t} /> },
  ]

  // Four fields and the buttons on one line at 1366 px; the 更多条件 rows keep the same columns.
  const c1 = { xs: 24, sm: 12, lg: 5 }
  const c2 = { xs: 24, sm: 12, lg: 6 }
  const c3 = { xs: 24, sm: 12, lg: 4 }
  const c4 = { xs: 24, sm: 12, lg: 5 }

  return (
    <div className="page">
      <PageHeader
        title="经营主体名录"
        subtitle="按统一社会信用代码、名称、法定代表人、区划、管辖机构等检索您数据范围内的经营主体"
        extra={
          <>
            <Button icon={<SafetyCertificateOutlined />} onClick={() => setBatchOpen(true)}>
              批量校验代码
            </Button>
            {can('entity.export') ? (
              <Button icon={<FileExcelOutlined />} onClick={startExport} loading={!!exporting} disabled={!exporting && !total} data-testid="entity-export">
                {exporting ? '正在生成' : '导出 Excel'}
              </Button>
            ) : null}
            {can('entity.manage') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="entity-create">
                新增主体
              </Button>
            ) : null}
          </>
        }
      />
      {exporting ? (
        <Alert
          type="info"
          showIcon
          className="page-alert"
          data-testid="export-progress"
          title={`正在生成 Excel…${exporting.received ? `已接收 ${fmtMB(exporting.received)}` : '正在查询数据'}`}
          description="生成完成后浏览器会自动保存文件；数据量大时需要几分钟，可以继续使用本页。"
          action={
            <Button size="small" onClick={() => exportCtrl.current?.abort()}>
              取消导出
            </Button>
          }
        />
      ) : null}
      <Card size="small" className="filter-card">
        <Form<SearchForm> form={form} name="entity-search" onFinish={search} layout="vertical" className="search-form" initialValues={{ nameMode: 'contains' }}>
          <Row gutter={12}>
            <Col {...c1}>
              <Form.Item label="统一社会信用代码 / 注册号" name="uscc">
                <Input allowClear placeholder="18 位代码或 15 位注册号" className="mono" autoComplete="off" id="entity-search-uscc" />
              </Form.Item>
            </Col>
            <Col {...c2}>
              <Form.Item label="名称" tooltip="“包含”查找名称中任意位置的字词（输入 2 个字以上更快）；“前缀”查找以此开头的名称">
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item name="nameMode" noStyle>
                    <Select
                      style={{ width: 78 }}
                      options={[
                        { value: 'contains', label: '包含' },
                        { value: 'prefix', label: '前缀' },
                      ]}
                      aria-label="名称匹配方式"
                    />
                  </Form.Item>
                  <Form.Item name="name" noStyle>
                    <Input allowClear placeholder="如：烩面、超市" autoComplete="off" id="entity-search-name" />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
            </Col>
            <Col {...c3}>
              <Form.Item label="法定代表人" name="legalRep">
                <Input allowClear placeholder="姓名（可只输姓）" autoComplete="off" id="entity-search-legal" />
              </Form.Item>
            </Col>
            <Col {...c4}>
              <Form.Item label="行政区划（经营场所）" name="division">
                <DivisionFilterSelect units={units.data} style={{ width: '100%' }} id="entity-search-division" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item
                label={
                  <Button
                    type="link"
                    size="small"
                    className="more-toggle"
                    onClick={() => setExpanded((x) => !x)}
                    icon={expanded ? <UpOutlined /> : <DownOutlined />}
                    iconPlacement="end"
                    data-testid="entity-more"
                  >
                    {expanded ? '收起条件' : '更多条件'}
                  </Button>
                }
                colon={false}
              >
                <Space size={8}>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="entity-search">
                    查询
                  </Button>
                  <Button
                    onClick={() => {
                      form.resetFields()
                      setParams(pageSize !== 20 ? { pageSize: String(pageSize) } : {})
                    }}
                  >
                    重置
                  </Button>
                </Space>
              </Form.Item>
            </Col>
            {expanded ? (
              <>
                <Col {...c1}>
                  <Form.Item label="管辖机构" name="stationId">
                    <UnitTreeSelect units={units.data} loading={units.loading} placeholder="含下级机构" style={{ width: '100%' }} id="entity-search-station" />
                  </Form.Item>
                </Col>
                <Col {...c2}>
                  <Form.Item label="主体类型" name="kind">
                    <Select allowClear placeholder="全部" options={ENTITY_KIND_OPTIONS} id="entity-search-kind" />
                  </Form.Item>
                </Col>
                <Col {...c3}>
                  <Form.Item label="登记状态" name="status">
                    <Select allowClear placeholder="全部" options={ENTITY_STATUS_FILTER_OPTIONS} id="entity-search-status" />
                  </Form.Item>
                </Col>
                <Col {...c4}>
                  <Form.Item label="风险等级" name="riskClass">
                    <Select allowClear placeholder="全部" options={RISK_CLASS_OPTIONS} id="entity-search-risk" />
                  </Form.Item>
                </Col>
                <Col xs={0} lg={4} />
                <Col {...c1}>
                  <Form.Item label="监管标签" name="tag">
                    <Select allowClear placeholder="全部" options={ENTITY_TAG_OPTIONS} id="entity-search-tag" />
                  </Form.Item>
                </Col>
                <Col {...c2}>
                  <Form.Item label="行业门类" name="industry">
                    <Select
                      allowClear
                      placeholder="全部"
                      options={INDUSTRY_OPTIONS}
                      showSearch={{ optionFilterProp: 'label' }}
                      popupMatchSelectWidth={false}
                      id="entity-search-industry"
                    />
                  </Form.Item>
                </Col>
              </>
            ) : null}
          </Row>
        </Form>
      </Card>
      {list.error ? (
        <Alert
          type="error"
          showIcon
          title={list.error}
          className="page-alert"
          action={
            <Button size="small" onClick={list.reload}>
              重试
            </Button>
          }
        />
      ) : null}
      <Card
        size="small"
        title={
          <Space size={8}>
            <span>检索结果</span>
            {list.data ? (
              <Typography.Text type="secondary" data-testid="entity-total" style={{ fontWeight: 400 }}>
                共 {fmtCount(total, capped)} 户
              </Typography.Text>
            ) : null}
          </Space>
        }
        extra={
          <Button type="text" size="small" icon={<ReloadOutlined />} onClick={list.reload} aria-label="刷新">
            刷新
          </Button>
        }
      >
        <ListTable<MarketEntity>
          listKey="entities"
          rowKey="id"
          size="middle"
          className="entity-table"
          columns={columns}
          selection={{ selectedKeys: selected, onChange: (keys) => setSelected(keys) }}
          batch={
            <Button size="small" icon={<FileExcelOutlined />} loading={!!exporting} onClick={() => void exportSelected()} data-testid="entity-batch-export">
              导出所选
            </Button>
          }
          card={(e) => (
            <Flex vertical gap={2} onClick={() => open(e)} style={{ cursor: 'pointer' }} data-testid="entity-card">
              <Typography.Text strong>{e.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {e.uscc ?? e.regNo ?? '—'} · {KIND_SHORT[e.entityKind] ?? e.entityKindLabel}
                {e.legalRep ? ` · ${e.legalRep}` : ''}
              </Typography.Text>
              {e.businessAddress ? <Typography.Text style={{ fontSize: 13 }}>{shortAddress(e.businessAddress)}</Typography.Text> : null}
              <Space size={4} wrap>
                <StatusTag status={e.status} label={e.statusLabel} />
                <RiskTag risk={e.riskClass} />
                {e.stationName ? <Typography.Text type="secondary">{e.stationName}</Typography.Text> : null}
              </Space>
            </Flex>
          )}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 1040 }}
          onRow={(e) => ({
            // A click on the row opens the entity; one on its checkbox only selects it.
            onClick: (ev) => {
              if (!(ev.target as HTMLElement).closest('.ant-table-selection-column')) open(e)
            },
          })}
          locale={{ emptyText: filtered ? '没有符合条件的经营主体' : '名录中暂无经营主体' }}
          pagination={{
            current: page,
            pageSize,
            total: Math.min(pagerTotal, MAX_PAGE * pageSize),
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showQuickJumper: total > pageSize * 10,
            showTotal: () => `共 ${fmtCount(total, capped)} 户`,
            onChange: goPage,
          }}
        />
      </Card>
      <EntityFormDrawer
        mode={creating ? 'create' : null}
        onClose={() => setCreating(false)}
        onSaved={(e) => {
          setCreating(false)
          navigate(`/entities/${e.id}`, { state: { from: location.pathname + location.search } })
        }}
      />
      <UsccBatchModal open={batchOpen} onClose={() => setBatchOpen(false)} />
    </div>
  )
}
