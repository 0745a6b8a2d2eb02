import { DownloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Segmented, Select, Space, Statistic, Table } from 'antd'
import { useState } from 'react'
import { api, download } from '../api/client'
import { useLoad } from '../components/hooks'
import { PageHeader } from '../components/PageHeader'
import { CHECK_TYPE_LABEL, type SamplingStats, type StatsRow } from '../components/sampling/types'

const thisYear = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4))
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`)

/** 抽检统计: planned / sampled / tested / non-conforming, pass rate, disposal completion, by category or unit; batches per 1,000; Excel. */
export default function SamplingStatsPage() {
  const { message } = App.useApp()
  const [year, setYear] = useState(thisYear)
  const [checkType, setCheckType] = useState<'food' | 'product'>('food')
  const [by, setBy] = useState<'category' | 'unit'>('category')
  const q = { year, checkType, by }
  const st = useLoad((signal) => api.get<SamplingStats>('/api/sampling/stats', q, { signal }), [year, checkType, by])
  const s = st.data
  return (
    <div>
      <PageHeader
        title="抽检统计"
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => download('/api/sampling/stats/export', q).catch((e) => message.error(String(e)))}>
            导出 Excel
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={year}
          onChange={setYear}
          options={Array.from({ length: 8 }, (_, i) => ({ value: thisYear - i, label: `${thisYear - i} 年` }))}
          style={{ width: 110 }}
        />
        <Segmented
          value={checkType}
          onChange={(v) => setCheckType(v)}
          options={Object.entries(CHECK_TYPE_LABEL).map(([value, label]) => ({ value: value as 'food' | 'product', label }))}
        />
        <Segmented
          value={by}
          onChange={(v) => setBy(v)}
          options={[
            { value: 'category' as const, label: '按类别' },
            { value: 'unit' as const, label: '按单位' },
          ]}
        />
      </Space>
      {st.error ? <Alert type="error" showIcon title={st.error} /> : null}
      {s ? (
        <>
          <Space wrap size={24} style={{ marginBottom: 12 }} data-testid="stats-summary">
            <Statistic title="已抽样（批次）" value={s.total.sampled} />
            <Statistic title="不合格" value={s.total.nonConforming} />
            <Statistic title="合格率" value={pct(s.total.passRate)} />
            {s.checkType === 'food' ? <Statistic title={`每千人批次（目标 ${s.target}）`} value={s.perThousand ?? '—'} /> : null}
          </Space>
          <Card>
            <Table<StatsRow>
              size="small"
              rowKey="key"
              pagination={false}
              scroll={{ x: 760 }}
              dataSource={[...s.rows, s.total]}
              data-testid="stats-table"
              columns={[
                { title: by === 'unit' ? '单位' : '类别', dataIndex: 'label' },
                { title: '计划', dataIndex: 'planned', width: 80 },
                { title: '已抽样', dataIndex: 'sampled', width: 80 },
                { title: '已检验', dataIndex: 'tested', width: 80 },
                { title: '不合格', dataIndex: 'nonConforming', width: 80 },
                { title: '合格率', dataIndex: 'passRate', width: 90, render: pct },
                { title: '处置中', dataIndex: 'disposing', width: 80 },
                { title: '处置完毕', dataIndex: 'disposed', width: 90 },
                { title: '处置完成率', dataIndex: 'disposalCompletion', width: 100, render: pct },
              ]}
            />
          </Card>
        </>
      ) : null}
    </div>
  )
}
