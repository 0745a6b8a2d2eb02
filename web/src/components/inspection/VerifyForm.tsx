import { Alert, Button, Card, Descriptions, Flex, Input } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../../api/client'
import { fmtDateTime } from '../labels'
import { Hash, VerdictAlert } from './Bits'
import type { Verdict } from './types'

/** Re-runs a draw from its record and shows the inputs and the verdict (public or signed in). */
export function VerifyForm({ publicMode, initial }: { publicMode: boolean; initial?: string }) {
  const [ref, setRef] = useState(initial ?? '')
  const [v, setV] = useState<Verdict | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const check = async (value = ref) => {
    if (!value.trim()) return
    setLoading(true)
    setError(null)
    try {
      setV(
        await api.get<Verdict>(
          publicMode
            ? `/api/public/inspections/draws/${encodeURIComponent(value.trim())}/verify`
            : `/api/inspection-draws/${encodeURIComponent(value.trim())}/verify`,
          undefined,
          { noAuthRedirect: publicMode },
        ),
      )
    } catch (e) {
      setV(null)
      setError(errorMessage(e))
    } finally {
      setLoading(false)
    }
  }
  return (
    <Flex vertical gap={12}>
      <Flex gap={8}>
        <Input
          placeholder="抽取记录编号，如 CQ2026000001"
          value={ref}
          onChange={(e) => setRef(e.target.value)}
          onPressEnter={() => check()}
          style={{ maxWidth: 360 }}
          data-testid="verify-ref"
        />
        <Button type="primary" loading={loading} onClick={() => check()} data-testid="verify-submit">
          核验
        </Button>
      </Flex>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {v ? (
        <Card size="small" title={`${v.drawNo}：${v.taskNo} ${v.taskName}`}>
          <VerdictAlert v={v} />
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            style={{ marginTop: 12 }}
            items={[
              { key: 'a', label: '算法版本', children: v.algorithm },
              {
                key: 'p',
                label: '名录快照',
                children: (
                  <>
                    {v.poolSize} 户 <Hash value={v.poolHash} />
                  </>
                ),
              },
              {
                key: 'x',
                label: '排除名单',
                children: (
                  <>
                    {v.excludedCount} 户 <Hash value={v.exclusionHash} />
                  </>
                ),
              },
              {
                key: 'ph',
                label: '参数',
                children: (
                  <>
                    <code>{JSON.stringify(v.params)}</code> <Hash value={v.paramsHash} />
                  </>
                ),
              },
              { key: 'c', label: '公告承诺值', children: <Hash value={v.commitmentHash} /> },
              { key: 's', label: '承诺密钥', children: <Hash value={v.commitmentSecret} /> },
              { key: 't', label: '抽取时刻值', children: <code>{v.drawTimeValue}</code> },
              { key: 'seed', label: '种子', children: <Hash value={v.seed} /> },
              { key: 'r', label: '检查人员名录快照', children: <Hash value={v.rosterHash} /> },
              { key: 'n', label: '抽中', children: `${v.drawnCount} 户（${fmtDateTime(v.drawnAt)}）` },
            ]}
          />
          <Alert
            type="info"
            style={{ marginTop: 12 }}
            title="复核方法"
            description="种子 = HMAC-SHA256(承诺密钥, “jg-draw/1 / task / draw-time / pool / params” 五行)；SHA-256(承诺密钥) 应等于公告时公布的承诺值；各风险分层按种子派生的 AES-256-CTR 随机流做部分 Fisher–Yates 抽样。命令行：jianguan draw verify 编号。"
          />
        </Card>
      ) : null}
    </Flex>
  )
}
