import { ArrowLeftOutlined, EditOutlined, HistoryOutlined, ReloadOutlined } from '@ant-design/icons'
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Grid,
  Result,
  Skeleton,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  type DescriptionsProps,
} from 'antd'
import dayjs from 'dayjs'
import { useMemo, useState, type ReactNode } from 'react'
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom'
import { api } from '../api/client'
import type { EntityLicence, EntityProfile, EntityVersion, MarketEntity, Unit } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { EntityCode, EntityTags, RiskTag, StatusTag } from '../components/EntityBits'
import { EntityFormDrawer } from '../components/EntityFormDrawer'
import { useLoad } from '../components/hooks'
import { beijingToday, ENTITY_TAG_LABELS, entityStatusMeta, fmtDate, fmtDateTime, LICENCE_KIND_LABELS, RISK_CLASS_META } from '../components/labels'
import { PageHeader } from '../components/PageHeader'
import { ProfileSectionTable } from '../components/ProfileSectionTable'
import { useUnits } from '../components/units'

const dash = <Typography.Text type="secondary">—</Typography.Text>
const orDash = (v: ReactNode) => (v === null || v === undefined || v === '' ? dash : v)

const sourceLabel = (s: string) => (s === 'manual' ? '手工登记' : s === 'import' ? '批量导入' : s.startsWith('import:') ? '批量导入' : s)

/* ---------- change history ---------- */

/** The fields a change history shows, in this order (database names, as in the snapshots). */
const HISTORY_FIELDS: { key: string; label: string }[] = [
  { key: 'name', label: '名称' },
  { key: 'uscc', label: '统一社会信用代码' },
  { key: 'regNo', label: '注册号' },
  { key: 'entityType', label: '主体类型' },
  { key: 'legalRep', label: '法定代表人' },
  { key: 'domicile', label: '住所' },
  { key: 'domicileDivision', label: '住所行政区划' },
  { key: 'businessAddress', label: '经营场所' },
  { key: 'businessDivision', label: '经营场所行政区划' },
  { key: 'stationUnitId', label: '管辖机构' },
  { key: 'industryCode', label: '行业代码' },
  { key: 'registeredOn', label: '成立日期' },
  { key: 'regAuthority', label: '登记机关' },
  { key: 'status', label: '登记状态' },
  { key: 'riskClass', label: '风险等级' },
  { key: 'tags', label: '监管标签' },
  { key: 'platformName', label: '所在平台' },
]

type State = Record<string, unknown>

/** Tags are '|a|b|' in a snapshot and [{code}] on the presented entity. */
function tagCodes(v: unknown): string[] {
  if (typeof v === 'string') return v.split('|').filter(Boolean)
  if (Array.isArray(v)) return v.map((t) => (typeof t === 'string' ? t : String((t as { code?: unknown }).code ?? ''))).filter(Boolean)
  return []
}

function displayValue(key: string, v: unknown, names: { unit: (id: string) => string | null; division: (code: string) => string | null }): string {
  if (key === 'tags')
    return tagCodes(v)
      .map((t) => ENTITY_TAG_LABELS[t as keyof typeof ENTITY_TAG_LABELS] ?? t)
      .join('、')
  if (v === null || v === undefined || v === '') return ''
  const s = String(v)
  if (key === 'status') return entityStatusMeta(s).full
  if (key === 'riskClass') return RISK_CLASS_META[s as keyof typeof RISK_CLASS_META]?.label ?? s
  if (key === 'stationUnitId') return names.unit(s) ?? '（其他机构）'
  if (key === 'domicileDivision' || key === 'businessDivision') {
    const n = names.division(s)
    return n ? `${n}（${s}）` : s
  }
  return s
}

interface Change {
  key: string
  label: string
  before: string
  after: string
}

function diff(before: State, after: State, names: Parameters<typeof displayValue>[2]): Change[] {
  const out: Change[] = []
  for (const f of HISTORY_FIELDS) {
    const b = displayValue(f.key, before[f.key], names)
    const a = displayValue(f.key, after[f.key], names)
    if (a !== b) out.push({ key: f.key, label: f.label, before: b, after: a })
  }
  return out
}

function VersionHistory({
  entity,
  versions,
  units,
  canImport,
}: {
  entity: MarketEntity
  versions: EntityVersion[]
  units: Unit[] | undefined
  canImport: boolean
}) {
  const names = useMemo(() => {
    const byId = new Map((units ?? []).map((u) => [u.id, u.name]))
    return {
      unit: (id: string) => byId.get(id) ?? (id === entity.stationUnitId ? entity.stationName : null),
      division: (code: string) => (code === entity.businessDivision ? entity.businessDivisionName : null),
    }
  }, [units, entity])
  const sorted = [...versions].sort((a, b) => a.version - b.version)
  const current: State = { ...entity }
  const changes = sorted
    .map((v, i) => ({
      v,
      after: i + 1 < sorted.length ? sorted[i + 1]!.snapshot : current,
      changes: diff(v.snapshot, i + 1 < sorted.length ? sorted[i + 1]!.snapshot : current, names),
    }))
    .reverse()

  const source = (s: string) => {
    const job = s.startsWith('import:') ? s.slice(7) : null
    if (!job) return <Tag>{s === 'manual' ? '手工修改' : sourceLabel(s)}</Tag>
    return <Tag color="blue">{canImport ? <Link to={`/entity-import?job=${job}`}>批量导入</Link> : '批量导入'}</Tag>
  }

  const first = sorted[0]?.snapshot ?? current
  return (
    <Timeline
      data-testid="entity-versions"
      items={[
        ...changes.map(({ v, changes: c }) => ({
          key: v.version,
          color: 'blue',
          content: (
            <div>
              <Flex gap={8} align="center" wrap>
                <Typography.Text type="secondary">{fmtDateTime(v.changedAt)}</Typography.Text>
                <Typography.Text strong>
                  第 {v.version} 版 → 第 {v.version + 1} 版
                </Typography.Text>
                {source(v.source)}
                <Typography.Text type="secondary">{c.length ? `变更 ${c.length} 项` : '仅内部字段变化'}</Typography.Text>
              </Flex>
              {c.length ? (
                <Table<Change>
                  className="version-change"
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={c}
                  columns={[
                    { title: '项目', dataIndex: 'label', width: 140 },
                    { title: '变更前', dataIndex: 'before', render: (t: string) => (t ? <span className="version-before">{t}</span> : dash) },
                    { title: '变更后', dataIndex: 'after', render: (t: string) => (t ? <span className="version-after">{t}</span> : dash) },
                  ]}
                />
              ) : null}
            </div>
          ),
        })),
        {
          key: 'created',
          color: 'green',
          content: (
            <Flex gap={8} align="center" wrap>
              <Typography.Text type="secondary">{fmtDateTime(entity.createdAt)}</Typography.Text>
              <Typography.Text strong>第 1 版 · 入库</Typography.Text>
              <Tag>{sourceLabel(String(first.source ?? entity.source))}</Tag>
              <Typography.Text type="secondary">名称：{String(first.name ?? entity.name)}</Typography.Text>
            </Flex>
          ),
        },
      ]}
    />
  )
}

/* ---------- the page ---------- */

function LicenceTable({ licences }: { licences: EntityLicence[] }) {
  if (!licences.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有登记许可证" />
  const today = beijingToday()
  return (
    <Table<EntityLicence>
      size="small"
      rowKey="id"
      dataSource={licences}
      pagination={false}
      columns={[
        { title: '许可证种类', dataIndex: 'kind', width: 160, render: (k: string) => LICENCE_KIND_LABELS[k] ?? k },
        {
          title: '许可证编号',
          dataIndex: 'number',
          width: 200,
          render: (n: string) => (
            <Typography.Text className="mono" copyable>
              {n}
            </Typography.Text>
          ),
        },
        { title: '许可范围', dataIndex: 'scope', render: (s: string | null) => orDash(s) },
        {
          title: '有效期至',
          dataIndex: 'validTo',
          width: 160,
          render: (v: string | null) =>
            v ? (
              <span>
                {fmtDate(v)} {v < today ? <Tag color="red">已过期</Tag> : dayjs(v).diff(dayjs(), 'day') <= 90 ? <Tag color="orange">即将到期</Tag> : null}
              </span>
            ) : (
              dash
            ),
        },
      ]}
    />
  )
}

function useDivisionName(code: string | null) {
  return useLoad((signal) => api.get<{ fullName: string }>(`/api/divisions/${code}`, undefined, { signal }).then((d) => d.fullName), [code], !!code)
}

function BasicInfo({ e }: { e: MarketEntity }) {
  const wide = Grid.useBreakpoint().md !== false
  const full = wide ? 2 : 1
  const domicileDivision = useDivisionName(e.domicileDivision && e.domicileDivision !== e.businessDivision ? e.domicileDivision : null)
  const divisionText = (code: string | null, name: string | null | undefined) =>
    code ? (
      <span>
        {name ?? ''} <Typography.Text type="secondary">{code}</Typography.Text>
      </span>
    ) : (
      dash
    )
  const items: DescriptionsProps['items'] = [
    { key: 'uscc', label: '统一社会信用代码', children: e.uscc ? <EntityCode entity={{ ...e, regNo: null }} copyable /> : dash },
    { key: 'regNo', label: '注册号', children: e.regNo ? <Typography.Text className="mono">{e.regNo}</Typography.Text> : dash },
    { key: 'name', label: '名称', span: full, children: e.name },
    {
      key: 'kind',
      label: '主体类型',
      children: e.entityType && e.entityType !== e.entityKindLabel ? `${e.entityKindLabel} · ${e.entityType}` : e.entityKindLabel,
    },
    { key: 'org', label: '组织机构代码', children: e.orgCode ? <Typography.Text className="mono">{e.orgCode}</Typography.Text> : dash },
    { key: 'legal', label: '法定代表人', children: orDash(e.legalRep) },
    { key: 'reg', label: '成立日期', children: e.registeredOn ? fmtDate(e.registeredOn) : dash },
    { key: 'auth', label: '登记机关', children: orDash(e.regAuthority) },
    { key: 'status', label: '登记状态', children: e.statusLabel },
    { key: 'dom', label: '住所', span: full, children: orDash(e.domicile) },
    {
      key: 'domdiv',
      label: '住所行政区划',
      span: full,
      children: divisionText(e.domicileDivision, e.domicileDivision === e.businessDivision ? e.businessDivisionName : domicileDivision.data),
    },
    { key: 'addr', label: '经营场所', span: full, children: orDash(e.businessAddress) },
    { key: 'bizdiv', label: '经营场所行政区划', span: full, children: divisionText(e.businessDivision, e.businessDivisionName) },
    { key: 'station', label: '管辖机构', children: orDash(e.stationName) },
    {
      key: 'industry',
      label: '行业',
      children: e.industryCode ? (
        <span>
          {e.industryName ?? ''} <Typography.Text type="secondary">{e.industryCode}</Typography.Text>
        </span>
      ) : (
        dash
      ),
    },
    { key: 'risk', label: '风险等级', children: <RiskTag risk={e.riskClass} long /> },
    { key: 'platform', label: '所在平台', children: orDash(e.platformName) },
    { key: 'tags', label: '监管标签', span: full, children: <EntityTags tags={e.tags} empty="无" /> },
    ...(e.checksumException
      ? [
          {
            key: 'exc',
            label: '校验例外',
            span: full,
            children: <Typography.Text type="warning">代码未通过校验，按例外登记：{e.checksumExceptionReason}</Typography.Text>,
          },
        ]
      : []),
    { key: 'source', label: '数据来源', children: sourceLabel(e.source) },
    { key: 'version', label: '版本', children: `第 ${e.version} 版` },
    { key: 'created', label: '入库时间', children: fmtDateTime(e.createdAt) },
    { key: 'updated', label: '最近更新', children: fmtDateTime(e.updatedAt) },
  ]
  return <Descriptions bordered size="small" column={full} items={items} styles={{ label: { width: 160 } }} />
}

export default function EntityProfilePage() {
  const { id = '' } = useParams()
  const { can } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const from = (location.state as { from?: string } | null)?.from
  const profile = useLoad((signal) => api.get<EntityProfile>(`/api/entities/${id}/profile`, undefined, { signal }), [id])
  const units = useUnits()
  const [editing, setEditing] = useState(false)
  // The open tab is in the address (?tab=…): a link can open a module's section, and back returns to it.
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') ?? 'basic'
  // The page's state (where 返回 leads) stays with the address.
  const setTab = (key: string) => setParams(key === 'basic' ? {} : { tab: key }, { replace: true, state: location.state as unknown })
  const screens = Grid.useBreakpoint()
  const factColumns = screens.xl ? 3 : screens.md === false ? 1 : 2

  const back = () => (from ? navigate(-1) : navigate('/entities'))
  const data = profile.data && profile.data.entity.id === id ? profile.data : undefined
  const e = data?.entity

  if (profile.error && !data) {
    const notFound = profile.error.includes('不存在')
    return (
      <div className="page">
        <PageHeader title="主体档案" />
        <Card>
          <Result
            status={notFound ? '404' : 'error'}
            title={notFound ? '找不到该经营主体' : '加载失败'}
            subTitle={notFound ? '该主体不存在，或不在您的数据范围内。' : profile.error}
            extra={[
              <Button key="back" type="primary" onClick={back}>
                返回名录
              </Button>,
              notFound ? null : (
                <Button key="retry" onClick={profile.reload}>
                  重试
                </Button>
              ),
            ]}
          />
        </Card>
      </div>
    )
  }

  const sections = data?.sections ?? []
  const tabs = data
    ? [
        { key: 'basic', label: '基本信息', children: <BasicInfo e={data.entity} /> },
        { key: 'licences', label: `许可证（${data.licences.length}）`, children: <LicenceTable licences={data.licences} /> },
        {
          key: 'names',
          label: `曾用名（${data.nameHistory.length}）`,
          children: data.nameHistory.length ? (
            <Table
              size="small"
              rowKey={(r) => r.changedAt + r.name}
              pagination={false}
              dataSource={[...data.nameHistory].sort((a, b) => b.changedAt.localeCompare(a.changedAt))}
              columns={[
                { title: '曾用名', dataIndex: 'name' },
                { title: '更名时间', dataIndex: 'changedAt', width: 200, render: (v: string) => fmtDateTime(v) },
              ]}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有曾用名" />
          ),
        },
        {
          key: 'versions',
          label: `变更记录（${data.versions.length}）`,
          children: <VersionHistory entity={data.entity} versions={data.versions} units={units.data} canImport={can('entity.import')} />,
        },
        ...sections.map((s) => ({ key: `section-${s.key}`, label: `${s.title}（${s.count}）`, children: <ProfileSectionTable section={s} /> })),
      ]
    : []

  return (
    <div className="page">
      <PageHeader
        title="主体档案"
        docTitle={e ? `${e.name} · 主体档案` : '主体档案'}
        subtitle="经营主体的登记信息、许可证、变更记录及各业务模块的记录汇总"
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={back}>
              {from ? '返回检索结果' : '经营主体名录'}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={profile.reload}>
              刷新
            </Button>
            {can('entity.manage') && e ? (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="entity-edit">
                编辑
              </Button>
            ) : null}
          </>
        }
      />
      {profile.error && data ? <Alert type="error" showIcon className="page-alert" title={profile.error} /> : null}
      <Card className="filter-card" data-testid="entity-head">
        {!e ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : (
          <>
            <div className="entity-head-title">
              <Typography.Title level={4} data-testid="entity-name">
                {e.name}
              </Typography.Title>
              <StatusTag status={e.status} label={e.statusLabel} />
              <RiskTag risk={e.riskClass} long />
              <Tag className="entity-tag">{e.entityKindLabel}</Tag>
              {e.tags.map((t) => (
                <Tag key={t.code} className="entity-tag" color="geekblue" variant="filled">
                  {t.label}
                </Tag>
              ))}
            </div>
            <div style={{ marginBottom: 12 }}>
              <EntityCode entity={e} copyable />
              {data && data.nameHistory.length ? (
                <Tooltip title={data.nameHistory.map((n) => n.name).join('、')}>
                  <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                    <HistoryOutlined /> 曾用名 {data.nameHistory.length} 个
                  </Typography.Text>
                </Tooltip>
              ) : null}
            </div>
            <Descriptions
              className="entity-facts"
              size="small"
              column={factColumns}
              items={[
                { key: 'legal', label: '法定代表人', children: orDash(e.legalRep) },
                { key: 'reg', label: '成立日期', children: e.registeredOn ? fmtDate(e.registeredOn) : dash },
                { key: 'station', label: '管辖机构', children: orDash(e.stationName) },
                { key: 'addr', label: '经营场所', span: factColumns === 3 ? 2 : 1, children: orDash(e.businessAddress) },
                { key: 'industry', label: '行业', children: e.industryName ? `${e.industryName}（${e.industryCode}）` : orDash(e.industryCode) },
              ]}
            />
          </>
        )}
      </Card>
      <Card size="small">
        {!data ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <Tabs
            activeKey={tabs.some((t) => t.key === tab) ? tab : 'basic'}
            onChange={setTab}
            items={tabs}
            tabBarExtraContent={
              sections.length ? undefined : (
                <Typography.Text type="secondary" data-testid="sections-note" className="entity-sub">
                  其他业务模块的记录将在此汇总
                </Typography.Text>
              )
            }
          />
        )}
      </Card>
      <EntityFormDrawer
        mode={editing && e ? 'edit' : null}
        entity={e}
        onClose={() => setEditing(false)}
        onReload={profile.reload}
        onSaved={() => {
          setEditing(false)
          profile.reload()
        }}
      />
    </div>
  )
}
