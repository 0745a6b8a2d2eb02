import { List, Space, Tag, Typography } from 'antd'

/*
 * The public credit page's serious-list, penalty and double-random sections (信用信息公示查询): why
 * listed, since when, until when, and when and how to repair. Rendered on the entity page and in the
 * printed credit report (reports issued before these sections existed have none).
 */
export interface PublicSerious {
  seriousNo: string | null
  fieldLabel: string
  ground: string
  basis: string
  listedOn: string | null
  decidedBy: string | null
  inForce: boolean
  stateLabel: string
  autoRemovalOn: string | null
  earliestRepairOn: string | null
  howToApply: string | null
  restrictionEndOn: string | null
  removedOn: string | null
  removalLabel: string | null
}
export interface PublicPenalty {
  decisionNo: string
  caseTypeLabel: string
  penaltyLabel: string
  penaltyContent: string
  authority: string
  decidedOn: string
  publishedOn: string | null
  displayEndOn: string | null
  earliestRepairOn: string | null
  howToApply: string
}
export interface PublicInspection {
  taskNo: string
  taskName: string
  unitName: string | null
  inspectedOn: string | null
  outcomeLabel: string | null
}
export interface PublicExtras {
  seriousInForce?: boolean
  serious?: PublicSerious[]
  penalties?: PublicPenalty[]
  inspections?: PublicInspection[]
}

export function SeriousTag({ e }: { e: PublicExtras }) {
  return e.seriousInForce ? (
    <Tag color="volcano" data-testid="serious-tag">
      严重违法失信
    </Tag>
  ) : null
}

export function PublicCreditSections({ e }: { e: PublicExtras }) {
  if (!e.serious && !e.penalties && !e.inspections) return null
  return (
    <>
      <Typography.Title level={5}>严重违法失信名单</Typography.Title>
      {!e.serious?.length ? (
        <Typography.Text type="secondary">未列入严重违法失信名单。</Typography.Text>
      ) : (
        <List
          dataSource={e.serious}
          renderItem={(s) => (
            <List.Item style={{ display: 'block' }} data-testid="serious-item">
              <Space wrap>
                <Tag color={s.inForce ? 'volcano' : 'default'}>{s.inForce ? s.stateLabel : '已移出'}</Tag>
                <b>{s.fieldLabel}</b>
              </Space>
              <div>列入事由：{s.ground}</div>
              <div>
                列入日期：<span data-testid="serious-listed-on">{s.listedOn}</span> · 作出决定机关：{s.decidedBy ?? '—'}
                {s.seriousNo ? ` · 编号：${s.seriousNo}` : ''}
              </div>
              <div>依据：{s.basis}</div>
              {s.inForce ? (
                <>
                  <div>
                    届满移出日期：{s.autoRemovalOn ?? '—'} · 最早可申请提前移出：<b data-testid="serious-repair-on">{s.earliestRepairOn ?? '—'}</b>
                  </div>
                  <div data-testid="serious-how">如何申请：{s.howToApply}</div>
                  {s.restrictionEndOn ? <div>法定代表人（负责人）任职限制至 {s.restrictionEndOn}。</div> : null}
                </>
              ) : (
                <div>
                  移出日期：{s.removedOn ?? '—'} · {s.removalLabel ?? ''}
                </div>
              )}
            </List.Item>
          )}
        />
      )}
      <Typography.Title level={5}>行政处罚信息（公示期内）</Typography.Title>
      {!e.penalties?.length ? (
        <Typography.Text type="secondary">暂无公示期内的行政处罚信息。</Typography.Text>
      ) : (
        <List
          dataSource={e.penalties}
          renderItem={(p) => (
            <List.Item style={{ display: 'block' }} data-testid="penalty-item">
              <Space wrap>
                <Tag color="orange">{p.penaltyLabel}</Tag>
                <b>{p.decisionNo}</b>
                <span>{p.caseTypeLabel}</span>
              </Space>
              <div>处罚内容：{p.penaltyContent}</div>
              <div>
                决定机关：{p.authority} · 决定日期：{p.decidedOn} · 公示至：{p.displayEndOn ?? '—'}
              </div>
              <div>
                {p.earliestRepairOn ? <>最早可申请提前停止公示：{p.earliestRepairOn}。</> : null}
                {p.howToApply}
              </div>
            </List.Item>
          )}
        />
      )}
      <Typography.Title level={5}>“双随机、一公开”抽查检查结果</Typography.Title>
      {!e.inspections?.length ? (
        <Typography.Text type="secondary">暂无已公示的抽查检查结果。</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={e.inspections}
          renderItem={(i) => (
            <List.Item data-testid="inspection-item">
              {i.inspectedOn ?? '—'} · {i.taskName}（{i.taskNo}）· {i.unitName ?? ''} · 结果：{i.outcomeLabel ?? '—'}
            </List.Item>
          )}
        />
      )}
    </>
  )
}
