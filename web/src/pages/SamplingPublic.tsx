import { Alert, Card, Flex, Grid, Input, Layout, List, Pagination, Segmented, Select, Tabs, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { api } from '../api/client'
import type { Page } from '../api/types'
import { useLoad } from '../components/hooks'
import { PublicFooter } from '../components/PublicFooter'
import type { DrawVerification, PublicResult } from '../components/sampling/types'

const opts = (signal: AbortSignal) => ({ signal, noAuthRedirect: true })
const thisYear = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4))

function Results({ conclusion }: { conclusion: 'pass' | 'fail' }) {
  const [year, setYear] = useState(thisYear)
  const [page, setPage] = useState(1)
  const list = useLoad(
    (signal) => api.get<Page<PublicResult>>('/api/public/sampling/results', { year, conclusion, page, pageSize: 20 }, opts(signal)),
    [year, conclusion, page],
  )
  return (
    <>
      <Select
        value={year}
        onChange={(y) => (setYear(y), setPage(1))}
        options={Array.from({ length: 8 }, (_, i) => ({ value: thisYear - i, label: `${thisYear - i} 年` }))}
        style={{ width: 110, marginBottom: 8 }}
      />
      {conclusion === 'fail' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title="消费提示：下列批次产品经抽检不合格，请勿购买或食用；已购买的可向经营者要求退货，或拨打 12315 投诉举报。"
        />
      ) : null}
      <List<PublicResult>
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '本年度暂无公告' }}
        renderItem={(r) => (
          <List.Item style={{ display: 'block' }} data-testid={`public-${conclusion}`}>
            <Flex justify="space-between" gap={8} wrap>
              <b>{r.productName}</b>
              <Tag color={r.conclusion === 'fail' ? 'red' : 'green'}>{r.conclusionLabel}</Tag>
            </Flex>
            <div>{[r.brand, r.spec, r.batchNo, r.producerName ? `标称生产者 ${r.producerName}` : null].filter(Boolean).join(' · ')}</div>
            <div>被抽样单位 {r.entityName}</div>
            {r.failedItems.length ? <Typography.Text type="danger">不合格项目：{r.failedItems.join('、')}</Typography.Text> : null}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.categoryName} · 样品编号 {r.sampleNo} · {r.issuedOn} · {r.labName}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
      <Pagination size="small" current={page} pageSize={20} total={list.data?.total ?? 0} showSizeChanger={false} onChange={setPage} />
    </>
  )
}

function Verify({ initial }: { initial?: string }) {
  const [no, setNo] = useState(initial ?? '')
  const v = useLoad((signal) => api.get<DrawVerification>(`/api/public/sampling/retest-draws/${encodeURIComponent(no)}`, undefined, opts(signal)), [no], !!no)
  return (
    <>
      <Typography.Paragraph type="secondary">
        复检机构由受理复检申请的部门从复检机构名录中随机确定，且不得为初检机构。登记申请时公布承诺值；抽取后公开承诺密钥、抽取时刻值与候选名单，任何人可按
        jg-draw/1 算法复算。
      </Typography.Paragraph>
      <Input.Search
        placeholder="样品编号，如 CJ2026000001"
        defaultValue={initial}
        enterButton="核验"
        onSearch={(x) => setNo(x.trim())}
        style={{ maxWidth: 420 }}
        data-testid="verify-input"
      />
      {v.error ? <Alert type="error" showIcon title={v.error} style={{ marginTop: 12 }} /> : null}
      {v.data ? (
        <Card size="small" style={{ marginTop: 12 }} data-testid="verify-result">
          {v.data.ok === true ? <Alert type="success" showIcon title={`核验通过：复检机构为 ${v.data.drawnLabName}`} /> : null}
          {v.data.ok === false ? <Alert type="error" showIcon title={`核验未通过：${v.data.problems.join('；')}`} /> : null}
          {v.data.ok === null ? <Alert type="info" showIcon title={v.data.problems.join('；')} /> : null}
          <div style={{ wordBreak: 'break-all', marginTop: 8 }}>
            <div>
              承诺值：<span className="mono">{v.data.commitment}</span>
            </div>
            {v.data.secret ? (
              <div>
                承诺密钥：<span className="mono">{v.data.secret}</span>
              </div>
            ) : null}
            {v.data.drawTimeValue ? <div>抽取时刻值：{v.data.drawTimeValue}</div> : null}
            {v.data.pool ? <div>候选复检机构：{v.data.pool.map((p) => p.labName).join('、')}</div> : null}
            {v.data.seedHex ? (
              <div>
                种子：<span className="mono">{v.data.seedHex}</span>
              </div>
            ) : null}
          </div>
        </Card>
      ) : null}
    </>
  )
}

/** 抽检结果公告 (public, no login, phone-friendly): 不合格 with consumer alerts, 合格 lists, and the re-test draw verification. */
export default function SamplingPublicPage() {
  const [params] = useSearchParams()
  const phone = Grid.useBreakpoint().md === false
  const verify = params.get('verify') ?? undefined
  const [tab, setTab] = useState(verify ? 'verify' : 'fail')
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Layout.Header
        style={{ background: '#1f5fbf', display: 'flex', alignItems: 'center', paddingInline: phone ? 12 : undefined, height: 'auto', minHeight: 64 }}
      >
        <Typography.Title level={phone ? 5 : 4} style={{ color: '#fff', margin: 0 }}>
          食品安全抽检与产品质量抽查结果公告
        </Typography.Title>
      </Layout.Header>
      <Layout.Content style={{ padding: phone ? 8 : 24, maxWidth: 1000, margin: '0 auto', width: '100%' }}>
        <Card>
          {phone ? (
            <Segmented
              block
              value={tab}
              onChange={setTab}
              options={[
                { value: 'fail', label: '不合格' },
                { value: 'pass', label: '合格' },
                { value: 'verify', label: '复检核验' },
              ]}
              style={{ marginBottom: 12 }}
            />
          ) : null}
          <Tabs
            activeKey={tab}
            onChange={setTab}
            renderTabBar={phone ? () => <></> : undefined}
            items={[
              { key: 'fail', label: '不合格产品与消费提示', children: <Results conclusion="fail" /> },
              { key: 'pass', label: '合格产品', children: <Results conclusion="pass" /> },
              { key: 'verify', label: '复检机构抽取核验', children: <Verify initial={verify} /> },
            ]}
          />
        </Card>
        <PublicFooter />
      </Layout.Content>
    </Layout>
  )
}
