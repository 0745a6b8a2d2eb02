import { UploadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Flex, Typography, Upload } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../../api/client'
import { ImportHistory } from '../ImportHistory'
import type { SamplingResultImportRun } from './types'

const TEMPLATE_HEAD = '样品编号,检验项目,判定依据,检验方法,标准指标,计量单位,实测值,单项结论,检验日期'

/**
 * 检验结果导入 on the laboratory's page: an .xlsx / .csv with one row per test item, imported as a
 * background job (任务中心); the rows with errors stay out and are listed in the error report, the
 * history below shows every run of this account.
 */
export function ResultImport({ onImported }: { onImported: () => void }) {
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const [last, setLast] = useState<SamplingResultImportRun | null>(null)
  const pick = async (file: File) => {
    const fd = new FormData()
    fd.append('file', file)
    setBusy(true)
    try {
      const run = await api.upload<SamplingResultImportRun>('/api/sampling/lab/result-imports?wait=1', fd)
      setLast(run)
      if (run.errorRows > 0) message.warning(`已导入 ${run.importedRows} 行，${run.errorRows} 行有错误未导入`)
      else message.success(`已导入 ${run.importedRows} 行检验结果`)
      onImported()
    } catch (e) {
      message.error(`导入失败：${errorMessage(e)}`)
    } finally {
      setBusy(false)
    }
    return false
  }
  const template = () => {
    const a = document.createElement('a')
    a.href = URL.createObjectURL(new Blob([`\uFEFF${TEMPLATE_HEAD}\r\n`], { type: 'text/csv' }))
    a.download = '检验结果导入模板.csv'
    a.click()
  }
  return (
    <Card size="small" title="导入检验结果" style={{ marginBottom: 16 }} data-testid="result-import">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        每行一个检验项目：{TEMPLATE_HEAD.split(',').join('、')}（检验日期可空）。只能导入本机构检验中（或复检中）的样品；已出具报告的结果只读。
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => pick(f)} disabled={busy}>
          <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="result-import-pick">
            选择文件导入
          </Button>
        </Upload>
        <Button onClick={template}>下载导入模板</Button>
      </Flex>
      {last ? (
        <Alert
          style={{ marginTop: 8 }}
          type={last.errorRows > 0 ? 'warning' : 'success'}
          showIcon
          data-testid="result-import-summary"
          message={`${last.fileName}：共 ${last.totalRows} 行，已导入 ${last.importedRows} 行${last.errorRows > 0 ? `，${last.errorRows} 行有错误（见下方导入记录的错误报告，改正后重新导入）` : ''}`}
        />
      ) : null}
      <div style={{ marginTop: 12 }}>
        <ImportHistory kind="sampling_results" currentId={last?.id ?? null} refreshKey={last?.id} />
      </div>
    </Card>
  )
}
