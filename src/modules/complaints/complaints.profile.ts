import type { ProfileSection } from '../entities'
import type { ComplaintsService } from './complaints.service'

/**
 * The entity file's 12315 tab (一户一档): items naming the entity as respondent, from the same
 * scoped, masked list as the queue — number, type, dates, category, unit, state and outcome; never a
 * complainant's or reporter's identity (a report's reporter is not even shown masked).
 */
export function complaintsProfileSection(complaints: Pick<ComplaintsService, 'list'>): ProfileSection {
  return {
    key: 'complaints',
    title: '12315 投诉举报',
    permission: 'complaint.read',
    async load(ctx, entity) {
      const page = await complaints.list(ctx, { page: 1, pageSize: 50, respondentEntityId: entity.id, sort: 'received_desc' })
      const stateColor = (s: string, final: boolean) => (final ? 'default' : s === 'received' || s === 'returned' ? 'orange' : 'blue')
      return {
        count: page.total,
        moreHref: null,
        columns: [
          { key: 'itemNo', title: '编号', kind: 'link' as const },
          { key: 'type', title: '类型', kind: 'tag' as const },
          { key: 'receivedOn', title: '登记日期', kind: 'date' as const },
          { key: 'summary', title: '诉求摘要', kind: 'text' as const },
          { key: 'category', title: '类别', kind: 'text' as const },
          { key: 'handlingUnit', title: '承办单位', kind: 'text' as const },
          { key: 'state', title: '办理状态', kind: 'tag' as const },
          { key: 'outcome', title: '办理结果', kind: 'text' as const },
          { key: 'closedOn', title: '办结日期', kind: 'date' as const },
          { key: 'recovered', title: '挽回经济损失', kind: 'money' as const },
        ],
        rows: page.items.map((i) => ({
          itemNo: { text: i.itemNo, href: `/complaints/${i.id}` },
          type: { text: i.typeLabel, color: i.type === 'report' ? 'red' : i.type === 'complaint' ? 'orange' : 'blue' },
          receivedOn: i.receivedOn,
          summary: i.summary,
          category: i.categoryLabel,
          handlingUnit: i.handlingUnit?.name ?? null,
          state: { text: i.stateLabel, color: stateColor(i.state, i.state === 'closed' || i.state === 'merged') },
          outcome: i.outcomeLabel,
          closedOn: i.closedOn,
          recovered: i.type === 'complaint' && i.recoveredFen > 0 ? i.recoveredFen : null,
        })),
      }
    },
  }
}
