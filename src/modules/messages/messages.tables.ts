/** 消息中心: one row per recipient (a unit + permission address is expanded when sent). */
export interface MessageTable {
  id: string
  recipientId: string
  /** assignment | dispatch | supervision | due_soon | overdue | job_finished */
  kind: string
  title: string
  body: string | null
  /** In-app path of the record the message is about, e.g. /complaints/<id>. */
  link: string | null
  matterType: string | null
  matterId: string | null
  /** Permission the recipient needs to read the linked record; a message whose permission the user lost is hidden. */
  permission: string | null
  /** Same key for the same recipient → delivered once (scheduled notices). */
  dedupeKey: string | null
  createdAt: string
  readAt: string | null
}

declare module '../../core/db/types' {
  interface Database {
    message: MessageTable
  }
}
