import { App, Button, Empty, Input, Modal, Select, Table, Typography } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../../api/client'
import { useLoad } from '../hooks'
import { STATE_LABEL } from './labels'
import { RespondentLookup } from './RespondentLookup'
import type { Duplicate, ItemDetail, State, Suggestion } from './types'

/**
 * 关联原件: the likely duplicates of the item (closed ones included), each linkable. A repeat whose
 * original is closed cannot be merged; it is linked (POST /api/complaints/:id/link) and handled on
 * its own.
 */
export function LinkOriginalModal({ item, open, onClose, onDone }: { item: ItemDetail; open: boolean; onClose: () => void; onDone: (d: ItemDetail) => void }) {
  const { message } = App.useApp()
  const dupes = useLoad((signal) => api.get<{ items: Duplicate[] }>(`/api/complaints/${item.id}/duplicates`, undefined, { signal }), [item.id, open], open)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const link = async (d: Duplicate) => {
    setBusy(d.id)
    try {
      onDone(await api.post<ItemDetail>(`/api/complaints/${item.id}/link`, { originalId: d.id, expectedVersion: item.version, note: note.trim() || undefined }))
      message.success(`已关联原件 ${d.itemNo}`)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }
  return (
    <Modal open={open} title="关联原件（重复诉求）" onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">原件已办结的重复诉求不能合并，关联后本件单独办理，两件互相显示关联。</Typography.Paragraph>
      <Input placeholder="说明（可不填）" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} style={{ marginBottom: 8 }} />
      <Table<Duplicate>
        size="small"
        rowKey="id"
        loading={dupes.loading}
        pagination={false}
        dataSource={dupes.data?.items ?? []}
        data-testid="link-candidates"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有疑似重复件" /> }}
        columns={[
          { title: '编号', dataIndex: 'itemNo', width: 140 },
          { title: '摘要', dataIndex: 'summary' },
          { title: '状态', dataIndex: 'state', width: 90, render: (s: string) => STATE_LABEL[s as State] ?? s },
          { title: '相似度', dataIndex: 'similarity', width: 70, render: (v: number) => `${Math.round(v * 100)}%` },
          {
            title: '',
            width: 80,
            render: (_, d) => (
              <Button size="small" loading={busy === d.id} onClick={() => link(d)} data-testid={`link-${d.itemNo}`}>
                关联
              </Button>
            ),
          },
        ]}
      />
    </Modal>
  )
}

/**
 * 关联名录主体: link (or correct) the respondent to a register entity, picked by its id; the server
 * computes the competent unit again (POST /api/complaints/:id/respondent).
 */
export function RespondentLinkModal({
  item,
  open,
  onClose,
  onDone,
}: {
  item: ItemDetail
  open: boolean
  onClose: () => void
  onDone: (d: ItemDetail) => void
}) {
  const { message } = App.useApp()
  const [name, setName] = useState('')
  const [picked, setPicked] = useState<Suggestion | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async () => {
    if (!picked) return
    setBusy(true)
    try {
      onDone(await api.post<ItemDetail>(`/api/complaints/${item.id}/respondent`, { entityId: picked.entityId, expectedVersion: item.version }))
      message.success(`已关联 ${picked.name}，管辖单位已重新确定`)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open={open}
      title={`关联名录主体（${item.type === 'report' ? '被举报人' : '被投诉人'}）`}
      onCancel={onClose}
      onOk={save}
      okText="关联并重新确定管辖"
      okButtonProps={{ disabled: !picked, loading: busy, ...{ 'data-testid': 'respondent-link-ok' } }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        当前：{item.respondentName}
        {item.respondentEntityId ? '（已在名录中）' : '（未关联名录）'}
      </Typography.Paragraph>
      <RespondentLookup
        id="respondent-link"
        value={name}
        autoFocus
        onChange={(v) => {
          setName(v)
          if (picked && v !== picked.name) setPicked(null)
        }}
        onPick={(s) => {
          setPicked(s)
          setName(s.name)
        }}
      />
      {picked ? (
        <div className="c-sub" style={{ marginTop: 6 }} data-testid="respondent-link-picked">
          {picked.uscc ?? '无统一社会信用代码'} · {picked.address ?? '—'}
        </div>
      ) : null}
    </Modal>
  )
}

interface Candidate {
  id: string
  displayName: string
  unitName: string | null
}

/** 指定承办人 (by someone with the right to assign): the staff who can handle the item, by id. */
export function AssignModal({ item, open, onClose, onDone }: { item: ItemDetail; open: boolean; onClose: () => void; onDone: (d: ItemDetail) => void }) {
  const { message } = App.useApp()
  const list = useLoad(
    (signal) => api.get<{ items: Candidate[] }>(`/api/complaints/${item.id}/handler-candidates`, undefined, { signal }),
    [item.id, open],
    open,
  )
  const [handlerId, setHandlerId] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const save = async () => {
    if (!handlerId) return
    setBusy(true)
    try {
      onDone(await api.post<ItemDetail>(`/api/complaints/${item.id}/assign`, { handlerId, expectedVersion: item.version }))
      message.success('已指定承办人')
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open={open}
      title="指定承办人"
      onCancel={onClose}
      onOk={save}
      okText="指定"
      okButtonProps={{ disabled: !handlerId, loading: busy, ...{ 'data-testid': 'assign-ok' } }}
      destroyOnHidden
    >
      {item.type === 'report' ? <Typography.Paragraph type="secondary">举报件须由他人指定承办人；承办人不因此可以查看举报人身份。</Typography.Paragraph> : null}
      <Select
        autoFocus
        showSearch
        optionFilterProp="label"
        style={{ width: '100%' }}
        placeholder="选择承办人"
        loading={list.loading}
        value={handlerId}
        onChange={setHandlerId}
        data-testid="assign-select"
        options={(list.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}${u.unitName ? `（${u.unitName}）` : ''}` }))}
      />
    </Modal>
  )
}
