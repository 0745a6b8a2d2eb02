import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined } from '@ant-design/icons'
import { Button, Checkbox, Empty, Flex, Grid, List, Pagination, Popover, Space, Table, Typography, type TableColumnType, type TableProps } from 'antd'
import { useMemo, useState, type Key, type ReactNode } from 'react'
import { useAuth } from '../auth/AuthContext'

/**
 * One list for every work list (12315 queue, leads, proposals, the register, inspections):
 * - column sorting on the server: a column with `sortKey` sorts by `<sortKey>_asc|_desc`, a value
 *   the page keeps in its address bar and the server whitelists in its zod query schema;
 * - column settings (show/hide, order), kept per user and list in localStorage;
 * - row selection with batch actions (`batch` renders them for the selected rows);
 * - phones (below the md breakpoint): cards (`card`), or, without one, the table scrolls inside
 *   itself, so the page never scrolls sideways and no column shrinks to one character a line.
 */
export interface ListColumn<T> extends Omit<TableColumnType<T>, 'key' | 'title' | 'sorter'> {
  key: string
  title: string
  /** Server sort field: the column header sorts by `${sortKey}_asc` / `${sortKey}_desc`. */
  sortKey?: string
  /** Always shown (the key column). */
  fixedShown?: boolean
}

interface Layout {
  order: string[]
  hidden: string[]
}

function storageKey(userId: string | undefined, listKey: string) {
  return `jg.columns.${userId ?? 'anon'}.${listKey}`
}

function readLayout(key: string): Layout | null {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? 'null') as Layout | null
    return v && Array.isArray(v.order) && Array.isArray(v.hidden) ? v : null
  } catch {
    return null
  }
}

/** Column order and visibility for one list, per user (localStorage). */
export function useColumnLayout<T>(listKey: string, columns: ListColumn<T>[]) {
  const { me } = useAuth()
  const key = storageKey(me?.user.id, listKey)
  const [layout, setLayout] = useState<Layout | null>(() => readLayout(key))
  const save = (l: Layout | null) => {
    setLayout(l)
    if (l) localStorage.setItem(key, JSON.stringify(l))
    else localStorage.removeItem(key)
  }
  const all = columns.map((c) => c.key)
  // Unknown keys dropped, new columns appended in their declared place at the end.
  const order = [...(layout?.order ?? []).filter((k) => all.includes(k)), ...all.filter((k) => !(layout?.order ?? []).includes(k))]
  const hidden = new Set((layout?.hidden ?? []).filter((k) => !columns.find((c) => c.key === k)?.fixedShown))
  const visible = order.filter((k) => !hidden.has(k)).map((k) => columns.find((c) => c.key === k)!)
  return {
    visible,
    order,
    hidden,
    toggle: (k: string, show: boolean) => save({ order, hidden: show ? [...hidden].filter((x) => x !== k) : [...hidden, k] }),
    move: (k: string, by: -1 | 1) => {
      const i = order.indexOf(k)
      const j = i + by
      if (j < 0 || j >= order.length) return
      const next = [...order]
      ;[next[i], next[j]] = [next[j]!, next[i]!]
      save({ order: next, hidden: [...hidden] })
    },
    reset: () => save(null),
  }
}

export function ColumnSettings<T>({ columns, layout }: { columns: ListColumn<T>[]; layout: ReturnType<typeof useColumnLayout<T>> }) {
  const title = (k: string) => columns.find((c) => c.key === k)!
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title="列设置（显示、顺序，按用户保存）"
      content={
        <Flex vertical gap={2} data-testid="column-settings" style={{ minWidth: 220 }}>
          {layout.order.map((k, i) => (
            <Flex key={k} justify="space-between" align="center" gap={8}>
              <Checkbox
                checked={!layout.hidden.has(k)}
                disabled={title(k).fixedShown}
                onChange={(e) => layout.toggle(k, e.target.checked)}
                data-testid={`column-toggle-${k}`}
              >
                {title(k).title}
              </Checkbox>
              <Space size={0}>
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowUpOutlined />}
                  disabled={i === 0}
                  aria-label={`${title(k).title}上移`}
                  onClick={() => layout.move(k, -1)}
                />
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowDownOutlined />}
                  disabled={i === layout.order.length - 1}
                  aria-label={`${title(k).title}下移`}
                  onClick={() => layout.move(k, 1)}
                />
              </Space>
            </Flex>
          ))}
          <Button size="small" type="link" onClick={layout.reset} style={{ alignSelf: 'flex-start', paddingInline: 0 }}>
            恢复默认
          </Button>
        </Flex>
      }
    >
      <Button size="small" icon={<SettingOutlined />} data-testid="column-settings-open">
        列设置
      </Button>
    </Popover>
  )
}

export interface ListTableProps<T> extends Omit<TableProps<T>, 'columns' | 'rowSelection' | 'onChange'> {
  listKey: string
  columns: ListColumn<T>[]
  rowKey: string & keyof T
  /** Current server sort (`<field>_asc|_desc`), and how to change it (undefined = the list's default). */
  sort?: string
  onSort?: (sort: string | undefined) => void
  /** Row selection and what to do with the selected rows. */
  selection?: { selectedKeys: Key[]; onChange: (keys: Key[], rows: T[]) => void; disabled?: (row: T) => boolean }
  /** Batch actions shown above the list while rows are selected. */
  batch?: ReactNode
  /** Extra toolbar content (left of the column settings). */
  toolbar?: ReactNode
  /** A row as a card on phones. */
  card?: (row: T) => ReactNode
}

export function ListTable<T extends object>({
  listKey,
  columns,
  sort,
  onSort,
  selection,
  batch,
  toolbar,
  card,
  pagination,
  dataSource,
  loading,
  ...rest
}: ListTableProps<T>) {
  const screens = Grid.useBreakpoint()
  const phone = screens.md === false
  const layout = useColumnLayout(listKey, columns)
  const [field, dir] = useMemo(() => {
    const m = /^(.*)_(asc|desc)$/.exec(sort ?? '')
    return m ? [m[1], m[2]] : [undefined, undefined]
  }, [sort])
  const cols: TableColumnType<T>[] = layout.visible.map(({ sortKey, fixedShown: _f, ...c }) => ({
    ...c,
    ...(sortKey && onSort
      ? { sorter: true, sortOrder: field === sortKey ? (dir === 'asc' ? 'ascend' : 'descend') : null, sortDirections: ['ascend', 'descend', 'ascend'] }
      : {}),
  }))
  const onChange: TableProps<T>['onChange'] = (_p, _f, s, extra) => {
    if (extra.action !== 'sort' || !onSort) return
    const one = Array.isArray(s) ? s[0] : s
    const col = columns.find((c) => c.key === one?.columnKey)
    onSort(col?.sortKey && one?.order ? `${col.sortKey}_${one.order === 'ascend' ? 'asc' : 'desc'}` : undefined)
  }
  const selected = selection?.selectedKeys.length ?? 0
  const bar = (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
      <Space wrap size={8}>
        {selection ? (
          selected ? (
            <Typography.Text data-testid="selection-count">已选 {selected} 项</Typography.Text>
          ) : (
            <Typography.Text type="secondary">勾选行可批量操作</Typography.Text>
          )
        ) : null}
        {selected ? batch : null}
        {selected && selection ? (
          <Button size="small" type="link" onClick={() => selection.onChange([], [])}>
            清除选择
          </Button>
        ) : null}
      </Space>
      <Space wrap size={8}>
        {toolbar}
        {phone && card ? null : <ColumnSettings columns={columns} layout={layout} />}
      </Space>
    </Flex>
  )
  if (phone && card) {
    const p = pagination || undefined
    return (
      <div data-testid={`${listKey}-cards`}>
        {bar}
        <List<T>
          loading={!!loading}
          dataSource={dataSource ?? []}
          locale={{ emptyText: <Empty description={typeof rest.locale?.emptyText === 'string' ? rest.locale.emptyText : '暂无数据'} /> }}
          renderItem={(row) => (
            <List.Item style={{ display: 'block', paddingInline: 0 }} className="list-card">
              {card(row)}
            </List.Item>
          )}
        />
        {p ? (
          <Flex justify="center" style={{ marginTop: 8 }}>
            <Pagination size="small" simple current={p.current} pageSize={p.pageSize} total={p.total} onChange={p.onChange} />
          </Flex>
        ) : null}
      </div>
    )
  }
  return (
    <>
      {bar}
      <Table<T>
        {...rest}
        dataSource={dataSource}
        loading={loading}
        pagination={pagination}
        columns={cols}
        onChange={onChange}
        scroll={{ x: 'max-content', ...rest.scroll }}
        rowSelection={
          selection
            ? {
                selectedRowKeys: selection.selectedKeys,
                onChange: (keys, rows) => selection.onChange(keys, rows),
                getCheckboxProps: selection.disabled ? (r) => ({ disabled: selection.disabled!(r) }) : undefined,
                preserveSelectedRowKeys: true,
              }
            : undefined
        }
      />
    </>
  )
}
