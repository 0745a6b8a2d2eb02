import { PrinterOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd'
import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { api } from '../api/client'
import {
  CLOCK_LABEL,
  CLOCK_TAG,
  CLOSURE_REASONS,
  PENALTY_TYPES,
  SERVICE_METHODS,
  caseWorkflow,
  clockColour,
  yuan,
  type CaseDetail,
} from '../components/cases/labels'
import { useLoad } from '../components/hooks'
import { fmtDate, fmtDateTime } from '../components/labels'
import { ActionBar } from '../components/matter/ActionBar'
import type { ActionOverride } from '../components/matter/ActionForm'
import { PageHeader } from '../components/PageHeader'
import { CaseProposalModal } from '../components/cases/CaseProposalModal'
import { CaseInvestigationSection } from '../components/cases/CaseInvestigation'
import { INVESTIGATION_OVERRIDES } from '../components/cases/investigation'
import { DecisionStageCard } from '../components/cases/DecisionStageCard'
import { useAuth } from '../auth/AuthContext'

type Clock = CaseDetail['clocks'][number]

/** Amount fields are entered in fen (分) by the generated form: say so next to the label. */
const OVERRIDES: Record<string, ActionOverride> = {
  ...INVESTIGATION_OVERRIDES,
  decide: {
    fields: { penaltyType: { optionLabels: PENALTY_TYPES }, goods: { placeholder: '如：不合格口罩2030只' } },
    help: '金额单位为“分”（例如 5,000 元填 500000）；决定书依据《行政处罚法》第五十九条载明当事人、事实证据、处罚种类和依据、履行方式和期限、救济途径、作出机关和日期。',
  },
  notify: { help: '告知书送达后，当事人可在 5 个工作日内陈述、申辩（告知听证权利的，可要求听证）。' },
  serve: { fields: { method: { optionLabels: SERVICE_METHODS } } },
  close: { fields: { reason: { optionLabels: CLOSURE_REASONS } }, help: '“已履行”结案须罚没款及加处罚款全部缴清；结案后案卷只读。' },
}

function ClockRow({ c }: { c: Clock }) {
  const colour = clockColour(c.dueOn, c.doneOn)
  return (
    <div className="case-clock" data-clock={c.kind} style={{ marginBottom: 8 }}>
      <Space wrap>
        <strong>{c.label}</strong>
        {c.doneOn ? (
          <Tag>已完成 {fmtDate(c.doneOn)}</Tag>
        ) : c.paused ? (
          <Tag color="blue">中止计算</Tag>
        ) : (
          <Tag color={CLOCK_TAG[colour]}>{CLOCK_LABEL[colour]}</Tag>
        )}
        <span className="c-sub">
          起算 {fmtDate(c.startOn)} · 届满 <span data-testid={`clock-due-${c.kind}`}>{c.dueOn ? fmtDate(c.dueOn) : '—'}</span>
          {c.extensions ? ` · 已延长 ${c.extensions} 次` : ''}
          {c.pauses.length ? ` · 中止 ${c.pauses.map((p) => `${p.from}～${p.to ?? '至今'}`).join('，')}` : ''}
          {c.provisional ? ' · 涉及未公布节假日安排的年份，临时推算' : ''}
        </span>
      </Space>
    </div>
  )
}

/**
 * 案件详情: the case file — parties, officers, clocks driven by the issued documents, timeline,
 * evidence, seized goods, payments and documents (print), with the actions of the shared case
 * workflow the user may take now.
 */
export default function CaseDetailPage() {
  const { id = '' } = useParams()
  const { message } = App.useApp()
  const [tick, setTick] = useState(0)
  const [proposing, setProposing] = useState(false)
  const { can } = useAuth()
  const d = useLoad((signal) => api.get<CaseDetail>(`/api/cases/${id}`, undefined, { signal }), [id, tick])
  if (d.error) return <Alert type="error" showIcon title={d.error} />
  if (!d.data) return <Skeleton active />
  const c = d.data
  const bal = c.balance
  return (
    <div>
      <PageHeader
        title={`${c.caseNo} ${c.title}`}
        subtitle={`${c.caseTypeLabel} · ${c.unitName ?? ''} · 立案 ${fmtDate(c.filedOn)} · 线索 ${c.leadNo}`}
        extra={
          <Tag
            color={c.state === 'closed' || c.state === 'terminated' ? 'default' : c.state === 'suspended' ? 'warning' : 'processing'}
            data-testid="case-state"
          >
            {c.stateLabel}
          </Tag>
        }
      />
      <CaseProposalModal
        kase={c}
        open={proposing}
        onClose={() => setProposing(false)}
        onDone={(a) => {
          setProposing(false)
          message.success(`${c.caseNo}：已提请${a.kindLabel}，待负责人审批`)
          setTick((t) => t + 1)
        }}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        {can('case.handle') && !can('case.approve') && ['investigating', 'notified', 'review', 'served'].includes(c.state) ? (
          <Button size="small" style={{ marginBottom: 8 }} data-testid="case-propose" onClick={() => setProposing(true)}>
            提请延期/结案审批
          </Button>
        ) : null}
        {c.actions.length ? (
          <ActionBar
            workflow={caseWorkflow}
            state={c.state}
            version={c.version}
            allowed={c.actions}
            overrides={OVERRIDES}
            title={(label) => `${label} · ${c.caseNo}`}
            summary={`${c.partyName}｜${c.title}`}
            testId="case-action"
            submit={(action, body) => api.post<CaseDetail>(`/api/cases/${c.id}/actions/${action}`, body)}
            onDone={(_, done) => {
              message.success(`${c.caseNo}：${(done as CaseDetail).stateLabel}`)
              setTick((t) => t + 1)
            }}
          />
        ) : (
          <Typography.Text type="secondary">
            {c.state === 'closed' ? '案件已结案，案卷只读。' : c.state === 'terminated' ? '案件已终止调查，案卷只读。' : '当前没有您可以执行的操作。'}
          </Typography.Text>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small" title="当事人与案情" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="当事人">
                {c.entityId ? <Link to={`/entities/${c.entityId}`}>{c.partyName}</Link> : c.partyName}（{c.partyKindLabel}）
              </Descriptions.Item>
              {c.partyUscc ? <Descriptions.Item label="统一社会信用代码">{c.partyUscc}</Descriptions.Item> : null}
              {c.partyIdMasked ? <Descriptions.Item label="身份证件号码">{c.partyIdMasked}</Descriptions.Item> : null}
              <Descriptions.Item label="住所（经营场所）">{c.partyAddress ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="案情摘要">{c.facts}</Descriptions.Item>
              <Descriptions.Item label="办案人员">{c.officers.map((o) => `${o.name}（执法证 ${o.certNo}）`).join('、')}</Descriptions.Item>
              {c.penaltyLabel ? <Descriptions.Item label="处罚决定">{`${c.decisionNo ?? ''} ${c.penaltyLabel}`}</Descriptions.Item> : null}
              {c.servedOn ? (
                <Descriptions.Item label="送达">{`${fmtDate(c.servedOn)} ${c.serviceMethodLabel ?? ''}，受送达人 ${c.serviceRecipient ?? ''}`}</Descriptions.Item>
              ) : null}
              {c.closedOn ? <Descriptions.Item label="结案">{`${fmtDate(c.closedOn)} ${c.closureReasonLabel ?? ''}`}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
          <CaseInvestigationSection kase={c} onChange={() => setTick((t) => t + 1)} />
          <Card size="small" title="查封扣押物品台账" style={{ marginBottom: 16 }}>
            {c.seizures.map((s) => (
              <div key={s.id} className="c-sub" style={{ marginBottom: 4 }}>
                {s.measureLabel} {s.docNo ?? ''} · {fmtDate(s.decidedOn)} 起 · 届满 {s.clock?.dueOn ?? '—'}
                {s.releasedOn ? ` · ${fmtDate(s.releasedOn)} 解除（${s.disposalLabel ?? ''}）` : ''}
              </div>
            ))}
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={c.seizedItems}
              locale={{ emptyText: '没有查封、扣押物品' }}
              columns={[
                { title: '物品', dataIndex: 'name' },
                { title: '数量', render: (_, i) => `${i.quantity} ${i.unit}`, width: 120 },
                { title: '存放地点', dataIndex: 'location' },
                { title: '处理', dataIndex: 'disposalLabel', width: 100 },
              ]}
            />
          </Card>
          <Card size="small" title="文书" style={{ marginBottom: 16 }} data-testid="case-documents">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={c.documents}
              locale={{ emptyText: '尚未出具文书' }}
              columns={[
                { title: '文书', dataIndex: 'title' },
                { title: '文号', dataIndex: 'docNo', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
                { title: '成文日期', dataIndex: 'issueDateText', width: 130 },
                {
                  title: '',
                  width: 80,
                  render: (_, r) => (
                    <Link to={`/documents/${r.id}`} data-testid="print-document">
                      <PrinterOutlined /> 打印
                    </Link>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="法定期限" style={{ marginBottom: 16 }}>
            {c.clocks.map((k) => (
              <ClockRow key={k.kind} c={k} />
            ))}
            {c.seizures.filter((s) => s.clock && !s.releasedOn).map((s) => (s.clock ? <ClockRow key={s.id} c={s.clock} /> : null))}
          </Card>
          {bal.decidedFen > 0 ? (
            <Card size="small" title="罚没款" style={{ marginBottom: 16 }}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="应缴（罚款＋没收违法所得）">{yuan(bal.decidedFen)} 元</Descriptions.Item>
                <Descriptions.Item label="缴款期限">{c.paymentDueOn ? fmtDate(c.paymentDueOn) : '送达后起算'}</Descriptions.Item>
                <Descriptions.Item label="加处罚款">
                  {yuan(bal.surchargeFen)} 元{bal.daysLate ? `（逾期 ${bal.daysLate} 日${bal.capped ? '，已达罚款数额上限' : ''}）` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="已缴">{yuan(bal.paidFen)} 元</Descriptions.Item>
                <Descriptions.Item label="未缴">
                  <strong data-testid="case-outstanding">{yuan(bal.outstandingFen)} 元</strong>
                </Descriptions.Item>
              </Descriptions>
              {c.payments.map((p) => (
                <div key={p.id} className="c-sub">
                  {fmtDate(p.paidOn)} {p.kindLabel} {yuan(p.amountFen)} 元（{p.receiptNo}）
                </div>
              ))}
            </Card>
          ) : null}
          <DecisionStageCard c={c} />
          <Card size="small" title="办案过程">
            {c.timeline.length ? (
              <Timeline
                items={c.timeline.map((e) => ({
                  children: (
                    <div>
                      <strong>{e.label}</strong> <span className="c-sub">{fmtDate(e.eventOn)}</span>
                      {e.note ? <div className="c-sub">{e.note}</div> : null}
                      <div className="c-sub">
                        {e.actorName ?? ''} · {fmtDateTime(e.at)}
                      </div>
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>
      <Button style={{ marginTop: 16 }} onClick={() => setTick((t) => t + 1)}>
        刷新
      </Button>
    </div>
  )
}
