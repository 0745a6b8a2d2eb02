import { Alert, Button, Card, Checkbox, Divider, Form, Input, InputNumber, Layout, List, Result, Select, Steps, Tag, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { api, errorMessage } from '../api/client'
import { PublicFooter } from '../components/PublicFooter'
import { LIAISON_HEADER, OPERATING_STATUSES } from '../../../src/shared/credit/annual-report'
import '../components/complaint/complaint.css'

/*
 * 年报联络员报送 (public, phone-first): register as the entity's liaison (USCC, name, phone), activate
 * with the one-time code the bureau issues (shown on screen in a demo installation), then file or
 * correct the annual report: the must-publish part and the optional part separately; individual
 * businesses and cooperatives get their short forms. The session token lives in this tab only.
 */
export interface Home {
  entity: { id: string; name: string; uscc: string | null; form: 'enterprise' | 'individual' | 'cooperative'; formLabel: string }
  season: { reportYear: number; opens: string; closes: string; open: boolean; daysLeft: number | null; today: string }
  yearsOwed: number[]
  reports: Array<{ reportYear: number; filedOn: string; late: boolean; revision: number; version: number; formLabel: string; history: unknown[] }>
}
const TOKEN_KEY = 'jg-liaison-token'
const quiet = (token: string) => ({ noAuthRedirect: true, headers: { [LIAISON_HEADER]: token } })
const yuanToFen = (v: number | null | undefined) => (v === null || v === undefined ? undefined : Math.round(v * 100))

/** GET /api/public/credit/liaison/reminder */
export interface LiaisonReminder {
  reminder: { reportYear: number; round: number; text: string; createdAt: string } | null
}

export default function AnnualReportFiling() {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY))
  const [step, setStep] = useState<'register' | 'activate' | 'home'>(token ? 'home' : 'register')
  const [demoCode, setDemoCode] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [home, setHome] = useState<Home | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [reminder, setReminder] = useState<LiaisonReminder['reminder']>(null)
  const [regForm] = Form.useForm()
  const [actForm] = Form.useForm()
  const [form] = Form.useForm()

  const loadHome = useCallback(async (t: string) => {
    try {
      setHome(await api.get<Home>('/api/public/credit/liaison/me', undefined, quiet(t)))
      // The bureau's latest reminder for this season (年报催报), shown as a banner until filed.
      setReminder((await api.get<LiaisonReminder>('/api/public/credit/liaison/reminder', undefined, quiet(t)).catch(() => ({ reminder: null }))).reminder)
    } catch (e) {
      sessionStorage.removeItem(TOKEN_KEY)
      setToken(null)
      setStep('register')
      setError(errorMessage(e))
    }
  }, [])
  useEffect(() => {
    if (token && step === 'home') void loadHome(token)
  }, [token, step, loadHome])

  const run = async (fn: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await fn()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const register = (v: { uscc: string; name: string; phone: string }) =>
    run(async () => {
      const r = await api.post<{ message: string; demoCode: string | null }>('/api/public/credit/liaison/register', v, { noAuthRedirect: true })
      setMessage(r.message)
      setDemoCode(r.demoCode)
      actForm.setFieldsValue({ uscc: v.uscc, phone: v.phone, code: '' })
      setStep('activate')
    })
  const activate = (v: { uscc: string; phone: string; code: string }) =>
    run(async () => {
      const r = await api.post<{ token: string }>('/api/public/credit/liaison/activate', v, { noAuthRedirect: true })
      sessionStorage.setItem(TOKEN_KEY, r.token)
      setToken(r.token)
      setStep('home')
    })

  const year = Form.useWatch<number | undefined>('reportYear', form)
  const existing = home?.reports.find((r) => r.reportYear === year)
  const submit = (v: Record<string, unknown>) =>
    run(async () => {
      const kind = home!.entity.form
      const pub: Record<string, unknown> = {
        contact: { address: v.address, postcode: v.postcode || undefined, phone: v.phone, email: v.email || undefined },
        operatingStatus: v.operatingStatus,
        websites: v.website ? [{ kind: 'website', name: `${home!.entity.name}网站`, url: v.website }] : [],
      }
      if (kind === 'cooperative') pub.members = v.members ?? 0
      const optional: Record<string, unknown> = {}
      if (v.employees !== undefined && v.employees !== null && kind !== 'cooperative') optional.employees = v.employees
      const revenue = yuanToFen(v.revenue as number | null)
      if (revenue !== undefined) optional.revenueFen = revenue
      const tax = yuanToFen(v.tax as number | null)
      if (tax !== undefined) optional.taxFen = tax
      const r = await api.post<{ created: boolean; report: { reportYear: number; revision: number } }>(
        '/api/public/credit/annual-reports',
        { reportYear: v.reportYear, public: pub, optional, publishOptional: !!v.publishOptional, ...(existing ? { version: existing.version } : {}) },
        quiet(token!),
      )
      setDone(
        r.created
          ? `${r.report.reportYear} 年度报告已报送并公示。`
          : `${r.report.reportYear} 年度报告已更正（第 ${r.report.revision} 版），更正前后的内容均予公示。`,
      )
      await loadHome(token!)
    })

  const logout = () => {
    sessionStorage.removeItem(TOKEN_KEY)
    setToken(null)
    setHome(null)
    setStep('register')
  }

  return (
    <Layout className="public-layout" style={{ minHeight: '100vh' }}>
      <Layout.Content style={{ maxWidth: 720, width: '100%', margin: '0 auto', padding: '16px 12px' }}>
        <Typography.Title level={3}>年度报告报送</Typography.Title>
        <Steps
          size="small"
          responsive={false}
          current={step === 'register' ? 0 : step === 'activate' ? 1 : 2}
          items={[{ title: '联络员备案' }, { title: '激活' }, { title: '报送' }]}
          style={{ marginBottom: 12 }}
        />
        {error ? <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="filing-error" showIcon /> : null}
        <Card>
          {step === 'register' ? (
            <Form form={regForm} layout="vertical" onFinish={register} data-testid="liaison-register">
              <Typography.Paragraph type="secondary">
                企业、个体工商户、农民专业合作社每年 1 月 1 日至 6 月 30 日报送上一年度的年度报告。请先备案联络员。
              </Typography.Paragraph>
              <Form.Item
                name="uscc"
                label="统一社会信用代码"
                rules={[
                  { required: true, message: '请填写统一社会信用代码' },
                  { len: 18, message: '统一社会信用代码应为 18 位' },
                ]}
              >
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
              <Form.Item name="name" label="联络员姓名" rules={[{ required: true, message: '请填写联络员姓名' }]}>
                <Input maxLength={30} />
              </Form.Item>
              <Form.Item name="phone" label="联络员手机号" rules={[{ required: true, message: '请填写手机号' }]}>
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} block>
                提交备案
              </Button>
              <Button type="link" onClick={() => setStep('activate')} block>
                已领取激活码，去激活
              </Button>
            </Form>
          ) : step === 'activate' ? (
            <Form form={actForm} layout="vertical" onFinish={activate} data-testid="liaison-activate">
              {message ? <Alert type="info" message={message} style={{ marginBottom: 12 }} /> : null}
              {demoCode ? (
                <Alert
                  type="warning"
                  style={{ marginBottom: 12 }}
                  message={
                    <span>
                      演示激活码：<b data-testid="demo-code">{demoCode}</b>
                    </span>
                  }
                />
              ) : null}
              <Form.Item name="uscc" label="统一社会信用代码" rules={[{ required: true, message: '请填写统一社会信用代码' }]}>
                <Input maxLength={18} />
              </Form.Item>
              <Form.Item name="phone" label="联络员手机号" rules={[{ required: true, message: '请填写手机号' }]}>
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
              <Form.Item name="code" label="激活码" rules={[{ required: true, message: '请填写激活码' }]}>
                <Input maxLength={8} autoComplete="one-time-code" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} block>
                激活并登录
              </Button>
            </Form>
          ) : home ? (
            <div data-testid="liaison-home">
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {home.entity.name}
              </Typography.Title>
              <Typography.Paragraph>
                {home.entity.uscc} · {home.entity.formLabel}
                <br />
                {home.season.open
                  ? `${home.season.reportYear} 年度报告报送期：${home.season.opens} 至 ${home.season.closes}，还剩 ${home.season.daysLeft} 天。`
                  : `${home.season.reportYear} 年度报告报送期已于 ${home.season.closes} 届满；未报年度可补报（补报后可申请移出经营异常名录）。`}
              </Typography.Paragraph>
              {reminder && home.yearsOwed.includes(reminder.reportYear) ? (
                <Alert
                  type="error"
                  showIcon
                  message="登记机关催报提醒"
                  description={reminder.text}
                  style={{ marginBottom: 12 }}
                  data-testid="reminder-banner"
                />
              ) : null}
              {home.yearsOwed.length ? (
                <Alert
                  type="warning"
                  message={`尚未报送：${home.yearsOwed.map((y) => `${y} 年度`).join('、')}`}
                  style={{ marginBottom: 12 }}
                  data-testid="years-owed"
                />
              ) : (
                <Alert type="success" message="应报年度均已报送" style={{ marginBottom: 12 }} />
              )}
              {done ? <Result status="success" title={done} data-testid="filing-done" style={{ padding: 12 }} /> : null}
              <Form
                form={form}
                layout="vertical"
                onFinish={submit}
                initialValues={{ reportYear: home.yearsOwed[home.yearsOwed.length - 1] ?? home.season.reportYear, operatingStatus: 'operating' }}
                data-testid="report-form"
              >
                <Form.Item name="reportYear" label="报告年度" rules={[{ required: true }]}>
                  <Select
                    options={[...new Set([...home.yearsOwed, ...home.reports.map((r) => r.reportYear)])]
                      .sort((a, b) => b - a)
                      .map((y) => ({ value: y, label: `${y} 年度${home.reports.some((r) => r.reportYear === y) ? '（已报送，可更正）' : ''}` }))}
                  />
                </Form.Item>
                <Divider titlePlacement="start" plain>
                  公示信息（必填，向社会公示）
                </Divider>
                <Form.Item name="address" label="通信地址" rules={[{ required: true, message: '请填写通信地址' }]}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name="postcode" label="邮政编码">
                  <Input maxLength={6} inputMode="numeric" />
                </Form.Item>
                <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
                  <Input maxLength={20} inputMode="tel" />
                </Form.Item>
                <Form.Item name="email" label="电子邮箱">
                  <Input maxLength={100} inputMode="email" />
                </Form.Item>
                <Form.Item name="operatingStatus" label="经营状态" rules={[{ required: true }]}>
                  <Select options={Object.entries(OPERATING_STATUSES).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
                {home.entity.form === 'cooperative' ? (
                  <Form.Item name="members" label="成员人数" rules={[{ required: true, message: '请填写成员人数' }]}>
                    <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                ) : null}
                <Form.Item name="website" label="网站或网店网址（如有）">
                  <Input maxLength={300} inputMode="url" />
                </Form.Item>
                <Divider titlePlacement="start" plain>
                  选择公示信息（由本主体决定是否公示）
                </Divider>
                {home.entity.form !== 'cooperative' ? (
                  <Form.Item name="employees" label="从业人数">
                    <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                ) : null}
                <Form.Item name="revenue" label={home.entity.form === 'individual' ? '营业额（元）' : '营业总收入（元）'}>
                  <InputNumber min={0} max={1_000_000_000_000} precision={2} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="tax" label="纳税总额（元）">
                  <InputNumber min={0} max={1_000_000_000_000} precision={2} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="publishOptional" valuePropName="checked">
                  <Checkbox>同意公示以上选择公示信息</Checkbox>
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy} block data-testid="submit-report">
                  {existing ? '更正年度报告' : '报送年度报告'}
                </Button>
              </Form>
              {home.reports.length ? (
                <>
                  <Divider titlePlacement="start" plain>
                    已报送
                  </Divider>
                  <List
                    size="small"
                    dataSource={home.reports}
                    renderItem={(r) => (
                      <List.Item data-testid="filed-report">
                        {r.reportYear} 年度 · 报送日期 {r.filedOn} {r.late ? <Tag color="orange">逾期</Tag> : null}
                        {r.history.length ? <Tag>已更正 {r.history.length} 次</Tag> : null}
                      </List.Item>
                    )}
                  />
                </>
              ) : null}
              <Button type="link" onClick={logout} block>
                退出
              </Button>
            </div>
          ) : (
            <Typography.Text>正在加载…</Typography.Text>
          )}
        </Card>
        <PublicFooter />
      </Layout.Content>
    </Layout>
  )
}
