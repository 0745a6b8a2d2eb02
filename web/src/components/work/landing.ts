import type { Permission } from '../../api/types'

/**
 * Where a role lands after login: business roles on their to-do list (我的待办); the account
 * administrator on user management and the auditor on the audit trail (三员分立: their work is there).
 */
export function landingPath(can: (p: Permission) => boolean): string {
  if (can('audit.read')) return '/audit'
  if (can('user.manage')) return '/users'
  return '/work'
}
