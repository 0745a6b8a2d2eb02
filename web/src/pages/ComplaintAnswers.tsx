import { EditOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Select, Switch, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../api/client'
import { CATEGORY_OPTIONS, LIMITS } from '../components/complaint/labels'
import type { Answer } from '../components/complaint/types'
import { applyServerError } from '../components/formError'
import { useDebounced, useLoad } from '../components/hooks'
import { PageHeader } from '../components/PageHeader'

interface AnswerForm {
  title: string
  category?: string | null
  keywords?: string
  answer: string
  legalBasis?: string | null
  active?: boolean
}

/** 常用语维护: the 12315 centre's standard answers to consultations (holders of complaint.knowledge). */
export default function ComplaintAnswersPage() {
  const { message } = App.useApp()
  const [q, setQ] = useState('')
  const query = useDebounced(q.trim(), 250)
  const list = useLoad((signal) => api.get<{ items: Answer[] }>('/api/complaints/answers', { q: query || undefined, all: '1' }, { signal }), [query])
  const [editing, setEditing] = useState<Answer | 'new' | null>(null)
  const [form] = Form.useForm<AnswerForm>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const open = (a: Answer | 'new') => {
    setEditing(a)
    setError(null)
    form.resetFields()
    form.setFieldsValue(
      a === 'new'
        ? { active: true }
        : { title: a.title, category: a.category, keywords: a.keywords, answer: a.answer, legalBasis: a.legalBasis, active: a.active },
    )
  }
  const save = async () => {
    let v: AnswerForm
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    setError(null)
    const body = {
      title: v.title.trim(),
      category: v.category ?? null,
      keywords: v.keywords?.trim() ?? '',
      answer: v.answer.trim(),
      legalBasis: v.legalBasis?.trim() || null,
    }
    try {
      if (editing === 'new') await api.post<Answer>('/api/complaints/answers', body)
      else if (editing)
        await api.put<Answer>(`/api/complaints/answers/${editing.id}`, { ...body, active: v.active !== false, expectedVersion: editing.version })
      message.success('已保存')
      setEditing(null)
      list.reload()
    } catch (e) {
      setError(applyServerError(form, e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="page">
      <PageHeader title="常用语" subtitle="咨询的标准答复：热线登记时检索、当场答复；停用的不再出现在检索中（不删除，修改留痕）" />
      <Card size="small" className="filter-card">
        <Flex gap={8} wrap justify="space-between">
          <Input.Search
            allowClear
            placeholder="标题、关键词或内容"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ maxWidth: 320 }}
            data-testid="answers-search"
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="answers-new">
            新增常用语
          </Button>
        </Flex>
      </Card>
      {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
      <div className="table-scroll">
        <Table<Answer>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 760 }}
          data-testid="answers-table"
          columns={[
            {
              title: '标题',
              dataIndex: 'title',
              width: 200,
              render: (t: string, a) => (
                <span>
                  {t} {a.active ? null : <Tag>已停用</Tag>}
                </span>
              ),
            },
            { title: '分类', dataIndex: 'categoryLabel', width: 100, render: (c: string | null) => c ?? '通用' },
            { title: '答复内容', dataIndex: 'answer', ellipsis: true },
            { title: '使用次数', dataIndex: 'usedCount', width: 90, align: 'right' },
            {
              title: '',
              width: 80,
              render: (_, a) => (
                <Button size="small" icon={<EditOutlined />} onClick={() => open(a)} aria-label={`编辑 ${a.title}`}>
                  编辑
                </Button>
              ),
            },
          ]}
        />
      </div>
      <Modal
        open={!!editing}
        title={editing === 'new' ? '新增常用语' : '编辑常用语'}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText="保存"
        cancelText="取消"
        okButtonProps={{ loading: busy }}
        width={640}
        destroyOnHidden
      >
        <Form<AnswerForm> form={form} layout="vertical" disabled={busy}>
          <Form.Item
            name="title"
            label="标题"
            rules={[
              { required: true, whitespace: true, message: '请填写标题' },
              { min: 2, max: 50, message: '标题 2–50 字' },
            ]}
          >
            <Input maxLength={50} autoFocus />
          </Form.Item>
          <Form.Item name="category" label="问题分类" tooltip="不选为通用">
            <Select options={CATEGORY_OPTIONS} allowClear placeholder="通用" />
          </Form.Item>
          <Form.Item name="keywords" label="检索关键词" extra="接线员可能输入的词，空格分隔，如：退货 七天 网购">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="answer"
            label="答复内容"
            rules={[
              { required: true, whitespace: true, message: '请填写答复内容' },
              { min: 10, message: '答复内容至少 10 个字' },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={LIMITS.request} showCount />
          </Form.Item>
          <Form.Item name="legalBasis" label="依据">
            <Input maxLength={300} placeholder="如：《中华人民共和国消费者权益保护法》第二十五条" />
          </Form.Item>
          {editing !== 'new' ? (
            <Form.Item name="active" label="状态" valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="停用" />
            </Form.Item>
          ) : null}
        </Form>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          每次修改都会记入审计日志。
        </Typography.Text>
      </Modal>
    </div>
  )
}
