import { ApartmentOutlined, FileExcelOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, Breadcrumb, Button, Card, Collapse, Flex, Form, Select, Table, Tooltip, Typography, type TableColumnsType } from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import type { Unit } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { ExportButton } from '../components/analytics/ExportButton'
import { MEASURE_COLUMNS } from '../components/analytics/format'
import { MeasureCell, MeasureTitle } from '../components/analytics/MeasureHeader'
import { PeriodPicker, periodOf, readPeriod, writePeriod, type Period } from '../components/analytics/PeriodPicker'
import { AP, type Dimension, type Measures, type StatsRow, type StatsTable } from '../components/analytics/types'
import '../components/analytics/analytics.css'
import { CATEGORY_OPTIONS, TYPE_OPTIONS } from '../components/complaint/labels'
import { useLoad } from '../components/hooks'
import { PageHeader } from '../components/PageHeader'
import { UnitTreeSelect } from '../components/UnitTreeSelect'
import { unitPath, useUnits } from '../components/units'

const GROUPINGS: { value: string; label: string }[] = [
  { value: 'unit', label: '按单位' },
  { value: 'type', label: '按类型' },
  { value: 'category', label: '按分类' },
  { value: 'unit,type', label: '单位 × 类型' },
  { value: 'unit,category', label: '单位 × 分类' },
  { value: 'type,category', label: '类型 × 分类' },
]
const TYPE_KEYS = new Set(TYPE_OPTIONS.map((o) => o.value as string))
const CAT_KEYS = new Set(CATEGORY_OPTIONS.map((o) => o.value))
const UUID = /^[0-9a-f-]{36}$/i

interface Filters {
  period: Period
  unitId?: string
  types: string[]
  categories: string[]
  groupBy: string
}

/** A table row: the API's row plus lazily loaded rows of the child units (roll-up through the tree). */
interface TreeRow extends StatsRow {
  /** Unique in the whole tree (child keys are prefixed by their parent's). */
  treeKey: string
  depth: number
  placeholder?: 'loading' | 'error' | 'empty'
  message?: string
  children?: TreeRow[]
}

type ChildState = { state: 'loading' } | { state: 'error'; message: string } | { state: 'done'; rows: StatsRow[] }

const csv = (v: string | null, allowed: Set<string>) => (v ?? '').split(',').filter((x) => allowed.has(x))

function useFilters(): [Filters, (next: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams()
  const filters = useMemo<Filters>(() => {
    const unitId = params.get('unitId')
    const groupBy = GROUPINGS.find((g) => g.value === params.get('groupBy'))?.value ?? 'unit'
    return {
      period: readPeriod(params, periodOf('month')),
      unitId: unitId && UUID.test(unitId) ? unitId : undefined,
      types: csv(params.get('types'), TYPE_KEYS),
      categories: csv(params.get('categories'), CAT_KEYS),
      groupBy,
    }
  }, [params])
  const set = useCallback(
    (next: Partial<Filters>) => {
      const f = { ...filters, ...next }
      const p: Record<string, string> = {}
      writePeriod(f.period, p)
      if (f.unitId) p.unitId = f.unitId
      if (f.types.length) p.types = f.types.join(',')
      if (f.categories.length) p.categories = f.categories.join(',')
      if (f.groupBy !== 'unit') p.groupBy = f.groupBy
      setParams(p, { replace: false })
    },
    [filters, setParams],
  )
  return [filters, set]
}

const dimLabel = (r: StatsRow, d: Dimension) => (d === 'unit' ? r.unitName : d === 'type' ? r.itemTypeLabel : r.categoryLabel) ?? ''

/**
 * 统计报表: period × unit (with its subtree) × type × category, every measure of src/modules/analytics/README.md with
 * its definition; unit rows expand into their child units; Excel export of the table and of the
 * (masked) raw items.
 */
export default function ComplaintStatsPage() {
  const { can } = useAuth()
  const [filters, setFilters] = useFilters()
  const units = useUnits(can('org.read'))
  const [tick, setTick] = useState(0)
  const baseQuery = useMemo(
    () => ({
      from: filters.period.from,
      to: filters.period.to,
      unitId: filters.unitId,
      types: filters.types.join(',') || undefined,
      categories: filters.categories.join(',') || undefined,
    }),
    [filters],
  )
  const query = useMemo(() => ({ ...baseQuery, groupBy: filters.groupBy }), [baseQuery, filters.groupBy])
  const queryKey = JSON.stringify(query)
  const table = useLoad((signal) => api.get<StatsTable>('/api/complaint-stats', query, { signal }), [queryKey, tick])

  // Child rows per expanded row; reset whenever the table's query changes.
  const [childRows, setChildRows] = useState<Record<string, ChildState>>({})
  const [expanded, setExpanded] = useState<string[]>([])
  useEffect(() => {
    setChildRows({})
    setExpanded([])
  }, [queryKey, tick])

  const childrenOf = useMemo(() => {
    const m = new Map<string, Unit[]>()
    for (const u of units.data ?? []) if (u.parentId) m.set(u.parentId, [...(m.get(u.parentId) ?? []), u])
    return m
  }, [units.data])
  const expandable = (r: StatsRow) => !!r.unitId && !r.ownItems && (childrenOf.get(r.unitId)?.length ?? 0) > 0

  const loadChildren = async (row: TreeRow) => {
    if (childRows[row.treeKey]?.state === 'done' || childRows[row.treeKey]?.state === 'loading') return
    setChildRows((s) => ({ ...s, [row.treeKey]: { state: 'loading' } }))
    try {
      const t = await api.get<StatsTable>('/api/complaint-stats', {
        ...baseQuery,
        unitId: row.unitId!,
        types: row.itemType ?? baseQuery.types,
        categories: row.category ?? baseQuery.categories,
        groupBy: 'unit',
      })
      setChildRows((s) => ({ ...s, [row.treeKey]: { state: 'done', rows: t.rows } }))
    } catch (e) {
      setChildRows((s) => ({ ...s, [row.treeKey]: { state: 'error', message: errorMessage(e) } }))
    }
  }

  const dims = (table.data?.groupBy ?? filters.groupBy.split(',')) as Dimension[]
  const unitFirst = dims[0] === 'unit'

  const data = useMemo<TreeRow[]>(() => {
    const build = (rows: StatsRow[], parentKey: string, depth: number): TreeRow[] =>
      rows.map((r) => {
        const treeKey = parentKey ? `${parentKey}>${r.key}` : r.key
        const node: TreeRow = { ...r, treeKey, depth }
        if (dims.includes('unit') && expandable(r)) {
          const st = childRows[treeKey]
          if (!st || st.state === 'loading') node.children = [{ ...r, key: 'loading', treeKey: `${treeKey}>…`, depth: depth + 1, placeholder: 'loading' }]
          else if (st.state === 'error')
            node.children = [{ ...r, key: 'error', treeKey: `${treeKey}>!`, depth: depth + 1, placeholder: 'error', message: st.message }]
          else
            node.children = st.rows.length
              ? build(st.rows, treeKey, depth + 1)
              : [{ ...r, key: 'empty', treeKey: `${treeKey}>0`, depth: depth + 1, placeholder: 'empty' }]
        }
        return node
      })
    return build(table.data?.rows ?? [], '', 0)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [table.data, childRows, childrenOf])

  const columns = useMemo<TableColumnsType<TreeRow>>(() => {
    const dimCols: TableColumnsType<TreeRow> = dims.map((d, i) => ({
      key: `dim-${d}`,
      title: d === 'unit' ? '单位' : d === 'type' ? '类型' : '分类',
      fixed: 'left' as const,
      width: d === 'unit' ? 220 : 110,
      onCell: (r: TreeRow) => (r.placeholder && i === 0 ? { colSpan: dims.length + MEASURE_COLUMNS.length } : r.placeholder ? { colSpan: 0 } : {}),
      render: (_: unknown, r: TreeRow) => {
        if (r.placeholder) {
          return i === 0 ? (
            <Typography.Text type={r.placeholder === 'error' ? 'danger' : 'secondary'}>
              {r.placeholder === 'loading'
                ? '正在加载下级单位…'
                : r.placeholder === 'error'
                  ? `下级单位加载失败：${r.message ?? ''}`
                  : '下级单位在此期间没有登记的件'}
            </Typography.Text>
          ) : null
        }
        const text = dimLabel(r, d)
        // Child rows (from an expansion) are always by unit, whatever the top grouping.
        if (r.depth > 0) return i === 0 ? <span data-testid="stats-child-unit">{r.unitName}</span> : null
        if (d === 'unit' && r.unitId && !r.ownItems && expandable(r)) {
          return (
            <Flex gap={4} align="center" wrap={false}>
              <span>{text}</span>
              <Tooltip title={`以“${text}”为统计单位`}>
                <Button type="link" size="small" icon={<ApartmentOutlined />} aria-label={`下钻到${text}`} onClick={() => setFilters({ unitId: r.unitId! })} />
              </Tooltip>
            </Flex>
          )
        }
        return text
      },
    }))
    const measureCols: TableColumnsType<TreeRow> = MEASURE_COLUMNS.map((c) => ({
      key: c.key,
      title: <MeasureTitle c={c} />,
      align: 'right' as const,
      width: c.kind === 'yuan' ? 150 : c.kind === 'rate' ? 120 : c.key === 'avgHandlingDays' ? 150 : 96,
      onCell: (r: TreeRow) => (r.placeholder ? { colSpan: 0 } : {}),
      sorter: (a: TreeRow, b: TreeRow) => ((a.measures[c.key] as number | null) ?? -1) - ((b.measures[c.key] as number | null) ?? -1),
      sortDirections: ['descend', 'ascend'] as Array<'descend' | 'ascend'>,
      render: (_: unknown, r: TreeRow) => (r.placeholder ? null : <MeasureCell m={r.measures} c={c} />),
    }))
    return [...dimCols, ...measureCols]
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dims.join(), childrenOf, setFilters])

  const path = useMemo(() => (units.data && table.data ? unitPath(units.data, table.data.unit.id) : []), [units.data, table.data])
  const total: Measures | undefined = table.data?.total
  const canItems = can(AP.export) && can(AP.read)

  return (
    <div className="page analytics-page">
      <PageHeader
        title="统计报表"
        docTitle="12315 统计报表"
        subtitle={
          table.data
            ? `登记日期 ${table.data.from} 至 ${table.data.to} · 超期与按时率截至 ${table.data.asOf} · ${table.data.unit.name}（含下级单位）`
            : '投诉、举报、咨询的登记、受理、调解、按时办理情况'
        }
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)} loading={table.loading}>
              刷新
            </Button>
            <ExportButton
              path="/api/complaint-stats/export"
              query={query}
              label="导出 Excel"
              type="primary"
              fallbackName="12315统计表.xlsx"
              icon={<FileExcelOutlined />}
              disabled={!table.data}
              testId="stats-export"
              hint="统计表（当前期间、单位、类型、分类与分组）"
            />
            {canItems ? (
              <ExportButton
                path="/api/complaint-stats/items/export"
                query={baseQuery}
                label="导出明细（脱敏）"
                fallbackName="12315明细.xlsx"
                testId="items-export"
                hint="期间内逐件明细，个人信息脱敏，不含举报人信息；最多 100 万行，导出留痕"
              />
            ) : null}
          </>
        }
      />

      <Card className="filter-card" size="small">
        <Form layout="inline" className="search-form">
          <Form.Item label="期间">
            <PeriodPicker value={filters.period} onChange={(period) => setFilters({ period })} />
          </Form.Item>
          {can('org.read') ? (
            <Form.Item label="单位">
              <UnitTreeSelect
                units={units.data}
                loading={units.loading}
                value={filters.unitId}
                onChange={(v: string | undefined) => setFilters({ unitId: v || undefined })}
                style={{ width: 240 }}
                placeholder="本人数据范围（含下级）"
                data-testid="stats-unit"
              />
            </Form.Item>
          ) : null}
          <Form.Item label="类型">
            <Select
              mode="multiple"
              allowClear
              value={filters.types}
              options={TYPE_OPTIONS}
              onChange={(types: string[]) => setFilters({ types })}
              placeholder="全部类型"
              style={{ minWidth: 160 }}
              maxTagCount="responsive"
            />
          </Form.Item>
          <Form.Item label="分类">
            <Select
              mode="multiple"
              allowClear
              value={filters.categories}
              options={CATEGORY_OPTIONS}
              onChange={(categories: string[]) => setFilters({ categories })}
              placeholder="全部分类"
              style={{ minWidth: 200 }}
              maxTagCount="responsive"
            />
          </Form.Item>
          <Form.Item label="分组">
            <Select
              value={filters.groupBy}
              options={GROUPINGS}
              onChange={(groupBy: string) => setFilters({ groupBy })}
              style={{ width: 140 }}
              data-testid="stats-groupby"
            />
          </Form.Item>
        </Form>
      </Card>

      {path.length > 1 ? (
        <Breadcrumb
          style={{ margin: '4px 0 12px' }}
          items={path.map((u, i) => ({
            key: u.id,
            title: i < path.length - 1 ? <a onClick={() => setFilters({ unitId: u.id })}>{u.shortName ?? u.name}</a> : (u.shortName ?? u.name),
          }))}
        />
      ) : null}

      {table.error ? (
        <Alert
          type="error"
          showIcon
          title={table.error}
          className="page-alert"
          action={
            <Button size="small" onClick={() => setTick((t) => t + 1)}>
              重试
            </Button>
          }
        />
      ) : null}

      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<TreeRow>
          data-testid="stats-table"
          rowKey="treeKey"
          size="middle"
          bordered
          loading={table.loading}
          columns={columns}
          dataSource={data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          sticky
          rowClassName={(r) => (r.depth > 0 ? 'stats-child-row' : r.ownItems ? 'stats-own-row' : '')}
          expandable={{
            expandedRowKeys: expanded,
            onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
            onExpand: (open, r) => {
              if (open && !r.placeholder) void loadChildren(r)
            },
            indentSize: 20,
          }}
          locale={{ emptyText: '此期间没有登记的件' }}
          summary={() =>
            total ? (
              <Table.Summary fixed="bottom">
                <Table.Summary.Row className="stats-total-row" data-testid="stats-total">
                  <Table.Summary.Cell index={0} colSpan={dims.length}>
                    <Typography.Text strong>合计</Typography.Text>
                  </Table.Summary.Cell>
                  {MEASURE_COLUMNS.map((c, i) => (
                    <Table.Summary.Cell key={c.key} index={dims.length + i} align="right">
                      <strong>
                        <MeasureCell m={total} c={c} />
                      </strong>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Card>
      {unitFirst ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
          点击单位前的“+”展开其下级单位；“（本级）”为该单位自身办理的件。比率单元格悬停可见分子与分母。
        </Typography.Paragraph>
      ) : null}

      <Collapse
        size="small"
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'defs',
            label: '统计口径说明',
            children: (
              <dl className="measure-defs">
                {MEASURE_COLUMNS.map((c) => (
                  <div key={c.key}>
                    <dt>{c.label}</dt>
                    <dd>{c.definition}</dd>
                  </div>
                ))}
                <div>
                  <dt>归期与归属</dt>
                  <dd>按登记日期归入期间，按当前办理单位归属；上级单位的数字包含全部下级单位。“超期”和按时率中的未办结部分按统计日（默认今天）判断。</dd>
                </div>
              </dl>
            ),
          },
        ]}
      />
    </div>
  )
}
