import { Card, Descriptions, Tag } from 'antd'
import { fmtDate } from '../labels'
import { yuan, type CaseDetail } from './labels'

/**
 * The decision stage and the money's execution on the case file (案件详情): procedure, hearing,
 * 集体讨论, 不予处罚, instalments, reminder and court application, and the reconciliation
 * (应缴＋加处罚款＝已缴＋未缴＋核销).
 */
export function DecisionStageCard({ c }: { c: CaseDetail }) {
  const r = c.reconciliation
  const h = c.hearing
  return (
    <>
      <Card size="small" title="决定程序" style={{ marginBottom: 16 }} data-testid="case-decision-stage">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="程序">
            {c.procedure === 'simplified' ? <Tag color="cyan">简易程序（当场处罚）</Tag> : <Tag>普通程序</Tag>}
            {c.procedure === 'simplified' ? (c.onspotFiledOn ? `已于 ${fmtDate(c.onspotFiledOn)} 备案` : '待备案') : null}
          </Descriptions.Item>
          {h ? (
            <Descriptions.Item label="听证">
              {`${fmtDate(h.noticeOn)} 通知；${h.hearingOn ? fmtDate(h.hearingOn) : '—'} 在${h.place ?? '—'}举行，主持人 ${h.officerName ?? '—'}`}
              {h.heldOn ? `；已于 ${fmtDate(h.heldOn)} 举行` : '；待举行'}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label="法制审核">{c.legalReviewedOn ? fmtDate(c.legalReviewedOn) : c.major ? '重大案件，须审核' : '—'}</Descriptions.Item>
          <Descriptions.Item label="集体讨论">{c.collectiveOn ? fmtDate(c.collectiveOn) : c.major ? '重大案件，须集体讨论' : '—'}</Descriptions.Item>
          {c.noPenaltyGroundLabel ? <Descriptions.Item label="不予处罚理由">{c.noPenaltyGroundLabel}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      {r.decidedFen > 0 ? (
        <Card size="small" title="罚没款执行与对账" style={{ marginBottom: 16 }} data-testid="case-reconciliation">
          <Descriptions size="small" column={1}>
            {c.deferredTo ? <Descriptions.Item label="批准延期（分期）至">{fmtDate(c.deferredTo)}</Descriptions.Item> : null}
            {c.instalments.map((i) => (
              <Descriptions.Item key={i.seq} label={`第 ${i.seq} 期`}>{`${fmtDate(i.dueOn)} 前 ${yuan(i.amountFen)} 元`}</Descriptions.Item>
            ))}
            {c.remindedOn ? <Descriptions.Item label="履行催告">{fmtDate(c.remindedOn)}</Descriptions.Item> : null}
            {c.courtAppliedOn ? <Descriptions.Item label="申请法院强制执行">{fmtDate(c.courtAppliedOn)}</Descriptions.Item> : null}
            <Descriptions.Item label="对账">
              <span data-testid="case-reconcile-line">
                {`应缴 ${yuan(r.decidedFen)} ＋ 加处 ${yuan(r.surchargeFen)} ＝ 已缴 ${yuan(r.paidFen)} ＋ 未缴 ${yuan(r.outstandingFen)} ＋ 核销 ${yuan(r.waivedFen)}（元）`}
              </span>{' '}
              {r.balanced ? <Tag color="green">平衡</Tag> : <Tag color="red">不平衡</Tag>}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      ) : null}
    </>
  )
}
