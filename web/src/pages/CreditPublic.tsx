import { Alert, Button, Card, Descriptions, Empty, Flex, Input, Layout, List, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import { useLoad } from '../components/hooks'
import { fmtDateTime } from '../components/labels'
import { PublicFooter } from '../components/PublicFooter'
import '../components/complaint/complaint.css'
import { PublicCreditSections, SeriousTag, type PublicExtras } from './CreditPublicSections'

/*
 * 信用信息公示查询 (public, no account, phone-friendly): search by USCC or name, the entity's credit
 * page answering "why listed, since when, until when, how to repair", a printable credit report
 * with a verification code, and the code's check. The JSON API behind it is /api/public/credit/*.
 */
export interface Hit {
  uscc: string
  name: string
  kindLabel: string
  statusLabel: string
  registeredOn: string | null
}
interface Abnormal {
  listingNo: string | null
  modeLabel: string
  groundLabel: string
  reportYear: number | null
  listedOn: string | null
  decidedBy: string | null
  inForce: boolean
  removalGroundLabel: string | null
  removedOn: string | null
  earliestRemoval: string | null
  howToApply: string | null
  seriousOn: string | null
}
export interface PublicEntity extends PublicExtras {
  uscc: string
  name: string
  kindLabel: string
  entityType: string | null
  legalRep: string | null
  legalRepTitle: string
  domicile: string | null
  registeredOn: string | null
  regAuthority: string | null
  statusLabel: string
  abnormalInForce: boolean
  abnormal: Abnormal[]
  annualReports: Array<{ reportYear: number; formLabel: string; filedOn: string; late: boolean; operatingStatus: string | null; corrections: unknown[] }>
  asOf: string
}
export interface Issued {
  code: string
  issuedAt: string
  sha256: string
  content: PublicEntity
  intact?: boolean
}
const quiet = (signal?: AbortSignal) => ({ signal, noAuthRedirect: true })

function Record({ e }: { e: PublicEntity }) {
  return (
    <div data-testid="credit-record">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {e.name}{' '}
        {e.abnormalInForce ? (
          <Tag color="red" data-testid="abnormal-tag">
            经营异常
          </Tag>
        ) : (
          <Tag color="green">无经营异常</Tag>
        )}
        <SeriousTag e={e} />
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered>
        <Descriptions.Item label="统一社会信用代码">{e.uscc}</Descriptions.Item>
        <Descriptions.Item label="主体类型">
          {e.kindLabel}
          {e.entityType ? `（${e.entityType}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={e.legalRepTitle}>{e.legalRep ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="登记状态">{e.statusLabel}</Descriptions.Item>
        <Descriptions.Item label="成立日期">{e.registeredOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="登记机关">{e.regAuthority ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="住所">{e.domicile ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>经营异常名录</Typography.Title>
      {e.abnormal.length === 0 ? (
        <Typography.Text type="secondary">未列入经营异常名录。</Typography.Text>
      ) : (
        <List
          dataSource={e.abnormal}
          renderItem={(a) => (
            <List.Item style={{ display: 'block' }} data-testid="abnormal-item">
              <Space wrap>
                <Tag color={a.inForce ? 'red' : 'default'}>{a.inForce ? a.modeLabel : '已移出'}</Tag>
                <b>{a.groundLabel}</b>
                {a.reportYear ? <span>（{a.reportYear} 年度）</span> : null}
              </Space>
              <div>
                列入日期：<span data-testid="listed-on">{a.listedOn}</span> · 作出决定机关：{a.decidedBy ?? '—'}
                {a.listingNo ? ` · 文号：${a.listingNo}` : ''}
              </div>
              {a.inForce ? (
                <>
                  <div>
                    何时可申请移出：<span data-testid="earliest-removal">{a.earliestRemoval}</span>
                  </div>
                  <div data-testid="how-to-apply">如何申请移出：{a.howToApply}</div>
                  {a.seriousOn ? <Typography.Text type="warning">届满三年（{a.seriousOn}）仍未移出的，将列入严重违法失信名单。</Typography.Text> : null}
                </>
              ) : (
                <div>
                  移出日期：{a.removedOn} · 移出事由：{a.removalGroundLabel}
                </div>
              )}
            </List.Item>
          )}
        />
      )}
      <PublicCreditSections e={e} />
      <Typography.Title level={5}>年度报告</Typography.Title>
      {e.annualReports.length === 0 ? (
        <Typography.Text type="secondary">暂无年度报告。</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={e.annualReports}
          renderItem={(r) => (
            <List.Item data-testid="annual-report-item">
              {r.reportYear} 年度 · {r.formLabel} · 报送日期 {r.filedOn} {r.late ? <Tag color="orange">逾期报送</Tag> : null}
              {r.corrections.length ? <Tag>已更正 {r.corrections.length} 次</Tag> : null}
            </List.Item>
          )}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        信息截至 {fmtDateTime(e.asOf)}（北京时间）。自然人姓名已脱敏。
      </Typography.Paragraph>
    </div>
  )
}

/** The printable report: the record as issued, with its verification code and digest. */
function Report({ r }: { r: Issued }) {
  return (
    <div className="credit-report" data-testid="credit-report">
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        经营主体信用报告
      </Typography.Title>
      <Flex justify="space-between" wrap="wrap" gap={8}>
        <span>
          验证码：<b data-testid="report-code">{r.code}</b>
        </span>
        <span>生成时间：{fmtDateTime(r.issuedAt)}</span>
      </Flex>
      {r.intact === false ? <Alert type="error" message="报告内容校验不一致，请向登记机关核实" /> : null}
      <Record e={r.content} />
      <Typography.Paragraph type="secondary" style={{ wordBreak: 'break-all' }}>
        核验方式：访问本网站“信用信息公示查询”，输入验证码 {r.code} 即可查看本报告生成时的内容。SHA-256：{r.sha256}
      </Typography.Paragraph>
    </div>
  )
}

export default function CreditPublic() {
  const [params, setParams] = useSearchParams()
  const uscc = params.get('uscc')
  const code = params.get('report')
  const [q, setQ] = useState(params.get('q') ?? '')
  const [verify, setVerify] = useState('')
  const [busy, setBusy] = useState(false)
  const [issueError, setIssueError] = useState<string | null>(null)
  const hits = useLoad(
    (signal) => api.get<{ items: Hit[] }>('/api/public/credit/search', { q: params.get('q') ?? '' }, quiet(signal)),
    [params.get('q')],
    !!params.get('q') && !uscc && !code,
  )
  const entity = useLoad(
    (signal) => api.get<PublicEntity>(`/api/public/credit/entities/${encodeURIComponent(uscc ?? '')}`, undefined, quiet(signal)),
    [uscc],
    !!uscc && !code,
  )
  const report = useLoad((signal) => api.get<Issued>(`/api/public/credit/reports/${encodeURIComponent(code ?? '')}`, undefined, quiet(signal)), [code], !!code)

  const issue = async () => {
    setBusy(true)
    setIssueError(null)
    try {
      const r = await api.post<Issued>(`/api/public/credit/entities/${encodeURIComponent(uscc!)}/report`, {}, { noAuthRedirect: true })
      setParams({ report: r.code })
    } catch (e) {
      setIssueError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Layout className="public-layout" style={{ minHeight: '100vh' }}>
      <Layout.Content style={{ maxWidth: 960, width: '100%', margin: '0 auto', padding: '16px 12px' }}>
        <Typography.Title level={3} className="no-print">
          信用信息公示查询
        </Typography.Title>
        <Card className="no-print" style={{ marginBottom: 12 }}>
          <Input.Search
            data-testid="credit-search"
            placeholder="统一社会信用代码或名称（至少两个字）"
            enterButton="查询"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => v.trim() && setParams({ q: v.trim() })}
            maxLength={60}
          />
          <Flex gap={8} style={{ marginTop: 8 }} wrap="wrap">
            <Input
              data-testid="verify-code"
              placeholder="信用报告验证码（12 位）"
              value={verify}
              onChange={(e) => setVerify(e.target.value)}
              maxLength={12}
              style={{ maxWidth: 260 }}
            />
            <Button data-testid="verify-button" onClick={() => verify.trim() && setParams({ report: verify.trim().toUpperCase() })}>
              核验信用报告
            </Button>
          </Flex>
        </Card>
        <Card>
          {code ? (
            report.error ? (
              <Alert type="error" message={report.error} data-testid="report-error" />
            ) : report.data ? (
              <>
                <Flex gap={8} className="no-print" style={{ marginBottom: 8 }}>
                  <Tag color="green" data-testid="report-verified">
                    验证码有效：本报告由本网站生成
                  </Tag>
                  <Button size="small" onClick={() => window.print()}>
                    打印
                  </Button>
                </Flex>
                <Report r={report.data} />
              </>
            ) : null
          ) : uscc ? (
            entity.error ? (
              <Alert type="error" message={entity.error} />
            ) : entity.data ? (
              <>
                <Record e={entity.data} />
                <Flex gap={8} className="no-print">
                  <Button type="primary" loading={busy} onClick={() => void issue()} data-testid="issue-report">
                    生成信用报告（可打印，附验证码）
                  </Button>
                  <Button onClick={() => setParams(params.get('q') ? { q: params.get('q')! } : {})}>返回</Button>
                </Flex>
                {issueError ? <Alert type="error" message={issueError} style={{ marginTop: 8 }} /> : null}
              </>
            ) : null
          ) : params.get('q') ? (
            hits.error ? (
              <Alert type="error" message={hits.error} />
            ) : (
              <List
                loading={hits.loading}
                dataSource={hits.data?.items ?? []}
                locale={{ emptyText: <Empty description="未找到经营主体" /> }}
                renderItem={(h) => (
                  <List.Item data-testid="credit-hit" style={{ cursor: 'pointer' }} onClick={() => setParams({ uscc: h.uscc, q: params.get('q') ?? '' })}>
                    <List.Item.Meta
                      title={<a>{h.name}</a>}
                      description={`${h.uscc} · ${h.kindLabel} · ${h.statusLabel}${h.registeredOn ? ` · 成立于 ${h.registeredOn}` : ''}`}
                    />
                  </List.Item>
                )}
              />
            )
          ) : (
            <Typography.Paragraph type="secondary">
              输入统一社会信用代码或名称查询经营主体的登记信息、年度报告和经营异常名录信息（列入事由、列入日期、如何申请移出）。无需注册登录。
            </Typography.Paragraph>
          )}
        </Card>
        <PublicFooter />
      </Layout.Content>
    </Layout>
  )
}
