import type { components } from '../../api/openapi.gen'

type Schemas = components['schemas']
/** GET /api/my/work: counts, sources and the items ordered by due date. */
export type MyWork = Schemas['MyWork']
export type WorkItem = Schemas['WorkItem']
/** One message of 消息中心. */
export type Message = Schemas['Message']
export interface MessagePage {
  items: Message[]
  total: number
  page: number
  pageSize: number
  unread: number
}
