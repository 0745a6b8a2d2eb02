import { Button, Space } from 'antd'
import { useState, type ReactNode } from 'react'
import type { AnyWorkflow } from '../../../../src/shared/kernel/workflow'
import { useAuth } from '../../auth/AuthContext'
import { ActionForm, type ActionOverride } from './ActionForm'

/**
 * The actions of a record, derived from its workflow: one button per action the declaration allows
 * from the record's state and the user's permissions allow (the server still checks the data scope
 * and answers with the record's own `actions`; pass them as `allowed` when the record has them).
 * A button opens the action's generated form; `submit` sends it with the record's version.
 */
export function ActionBar({
  workflow,
  state,
  version,
  permissions,
  allowed,
  submit,
  onDone,
  overrides,
  title,
  summary,
  size = 'small',
  testId,
  hide,
}: {
  workflow: AnyWorkflow
  state: string
  version: number
  /** The user's permissions; defaults to the signed-in user's. */
  permissions?: readonly string[]
  /** The actions the server offers on this record (its detail's `actions`), when known. */
  allowed?: ReadonlyArray<{ action: string }>
  /** Sends the action: POST …/actions/<action> with the input and the version. */
  submit: (action: string, body: Record<string, unknown> & { version: number }) => Promise<unknown>
  onDone?: (action: string, result: unknown) => void
  overrides?: Record<string, ActionOverride>
  /** Modal title per action (default: the action's label). */
  title?: (label: string) => string
  summary?: ReactNode
  size?: 'small' | 'middle'
  /** Prefix of the buttons' data-testid (`<prefix>-<action>`). */
  testId?: string
  /** Actions taken through their own page or form, not offered here (e.g. a lead's 当场处罚). */
  hide?: readonly string[]
}) {
  const { me } = useAuth()
  const held = permissions ?? me?.permissions ?? []
  const [open, setOpen] = useState<string | null>(null)
  let actions = workflow.available(state, held)
  if (allowed) actions = actions.filter((a) => allowed.some((x) => x.action === a))
  if (hide) actions = actions.filter((a) => !hide.includes(a))
  if (actions.length === 0) return null
  return (
    <>
      <Space size={4} wrap>
        {actions.map((a, i) => {
          const def = workflow.actions[a]!
          return (
            <Button
              key={a}
              size={size}
              type={i === 0 && !def.danger ? 'primary' : 'default'}
              danger={!!def.danger}
              onClick={() => setOpen(a)}
              data-testid={`${testId ?? 'action'}-${a}`}
            >
              {def.label}
            </Button>
          )
        })}
      </Space>
      <ActionForm
        open={open !== null}
        workflow={workflow}
        action={open}
        title={open ? (title?.(workflow.actionLabel(open)) ?? workflow.actionLabel(open)) : undefined}
        summary={summary}
        override={open ? overrides?.[open] : undefined}
        submit={async (action, input) => {
          const result = await submit(action, { ...input, version })
          setOpen(null)
          onDone?.(action, result)
        }}
        onClose={() => setOpen(null)}
      />
    </>
  )
}
