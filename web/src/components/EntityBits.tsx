import { Flex, Tag, Tooltip, Typography } from 'antd'
import type { MarketEntity, RiskClass } from '../api/types'
import { entityStatusMeta, RISK_CLASS_META } from './labels'
import './entities.css'

/** The registration status as a coloured tag (the full wording in the tooltip). */
export function StatusTag({ status, label }: { status: string; label?: string }) {
  const m = entityStatusMeta(status)
  return (
    <Tooltip title={label ?? m.full}>
      <Tag color={m.color} className="entity-tag" data-status={status}>
        {m.label}
      </Tag>
    </Tooltip>
  )
}

/** 信用风险分类 A–D; `long` spells out the class. */
export function RiskTag({ risk, long = false }: { risk: string | null; long?: boolean }) {
  if (!risk) return <Typography.Text type="secondary">{long ? '未分类' : '—'}</Typography.Text>
  const m = RISK_CLASS_META[risk as RiskClass]
  if (!m) return <Tag className="entity-tag">{risk}</Tag>
  return (
    <Tooltip title={long ? undefined : `风险等级：${m.label}`}>
      <Tag color={m.color} className="entity-tag" data-risk={risk}>
        {long ? m.label : risk}
      </Tag>
    </Tooltip>
  )
}

export function EntityTags({ tags, empty = '—' }: { tags: MarketEntity['tags']; empty?: string }) {
  if (!tags.length) return <Typography.Text type="secondary">{empty}</Typography.Text>
  return (
    <Flex wrap gap={4}>
      {tags.map((t) => (
        <Tag key={t.code} className="entity-tag" color="geekblue" variant="filled">
          {t.label}
        </Tag>
      ))}
    </Flex>
  )
}

/** The USCC (or the legacy registration number), monospaced; marks an audited checksum exception. */
export function EntityCode({
  entity,
  copyable = false,
}: {
  entity: Pick<MarketEntity, 'uscc' | 'regNo' | 'checksumException' | 'checksumExceptionReason'>
  copyable?: boolean
}) {
  const code = entity.uscc ?? entity.regNo
  if (!code) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <span className="entity-code">
      <Typography.Text className="mono" copyable={copyable ? { text: code, tooltips: ['复制', '已复制'] } : false}>
        {code}
      </Typography.Text>
      {!entity.uscc && entity.regNo ? (
        <Typography.Text type="secondary" className="entity-code-note">
          注册号
        </Typography.Text>
      ) : null}
      {entity.checksumException ? (
        <Tooltip title={`按校验例外登记：${entity.checksumExceptionReason ?? ''}`}>
          <Tag color="warning" className="entity-tag entity-code-note">
            校验例外
          </Tag>
        </Tooltip>
      ) : null}
    </span>
  )
}
