import { TreeSelect, type TreeSelectProps } from 'antd'
import { useMemo } from 'react'
import type { Unit } from '../api/types'
import { buildUnitTree } from './units'

type Props = Omit<TreeSelectProps, 'treeData'> & { units: Unit[] | undefined; loading?: boolean }

/** A unit picker over the units the viewer may see (searchable by name). */
export function UnitTreeSelect({ units, loading, ...rest }: Props) {
  const tree = useMemo(() => buildUnitTree(units ?? []), [units])
  return (
    <TreeSelect
      treeData={tree}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll={false}
      treeDefaultExpandedKeys={tree.map((n) => n.key)}
      allowClear
      placeholder="选择机构"
      loading={loading}
      notFoundContent={loading ? '加载中…' : '无可选机构'}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 320 } } }}
      {...rest}
    />
  )
}
