/**
 * The web half of a module manifest (see src/core/module.ts): the pages a module adds to the web
 * client (its routes, each behind a permission) and its entries in the side menu. Pure data, so the
 * server's manifest and the web client read the same declarations; the web turns page and icon
 * names into components (web/src/pageRegistry.ts, web/src/components/AppLayout.tsx), and the type-check
 * makes it map every name.
 */
import type { Permission } from '../access/vocabulary'

/** The side menu's groups, in menu order; `label: null` is the untitled group at the top. */
export const MENU_GROUPS = {
  home: { label: null, order: 0 },
  complaints: { label: '12315 投诉举报', order: 10 },
  data: { label: '业务数据', order: 20 },
  inspections: { label: '双随机抽查', order: 30 },
  sampling: { label: '抽检', order: 35 },
  accounts: { label: '组织与账号', order: 40 },
  config: { label: '业务配置', order: 50 },
  security: { label: '安全审计', order: 60 },
} as const satisfies Record<string, { label: string | null; order: number }>
export type MenuGroup = keyof typeof MENU_GROUPS

/** Icon names a menu entry may use (@ant-design/icons; the web maps each name to its component). */
export const MENU_ICONS = [
  'AlertOutlined',
  'ApartmentOutlined',
  'AuditOutlined',
  'BarChartOutlined',
  'BellOutlined',
  'BookOutlined',
  'CalendarOutlined',
  'CheckSquareOutlined',
  'CloudDownloadOutlined',
  'CloudUploadOutlined',
  'DashboardOutlined',
  'ExceptionOutlined',
  'FieldTimeOutlined',
  'FileDoneOutlined',
  'FileSearchOutlined',
  'FileTextOutlined',
  'HomeOutlined',
  'ImportOutlined',
  'InboxOutlined',
  'KeyOutlined',
  'MessageOutlined',
  'PhoneOutlined',
  'SafetyCertificateOutlined',
  'ScheduleOutlined',
  'ShopOutlined',
  'TeamOutlined',
] as const
export type MenuIcon = (typeof MENU_ICONS)[number]

export interface MenuEntry {
  /** Stable key, `<module>.<page>`. */
  key: string
  /** The page opened, an absolute path that is one of the web routes. */
  path: string
  /** zh-CN label shown in the menu. */
  label: string
  icon: MenuIcon
  /** Shown only to a user holding this permission (none: every signed-in user). */
  permission?: Permission
  group: MenuGroup
  /** Place within the group (entries of several modules share a group). */
  order: number
}

export interface WebRoute<P extends string = string> {
  /** Path relative to the site root, without the leading slash ('complaints/:id'). */
  path: string
  /** Page component name, mapped by the web (web/src/pageRegistry.ts). */
  page: P
  /** Required permission (none: any signed-in user, or anyone on a public page). */
  permission?: Permission
  /** 'public': outside the signed-in layout, no session needed (portal pages). Default 'app'. */
  layout?: 'app' | 'public'
}

export interface WebModule<P extends string = string> {
  /** The server module it belongs to (its manifest's name). */
  module: string
  routes: readonly WebRoute<P>[]
  menu: readonly MenuEntry[]
}

/** Declares a module's pages and menu entries (page names keep their literal types for the web's map). */
export function defineWebModule<const P extends string>(m: WebModule<P>): WebModule<P> {
  return m
}

/** The menu as groups of entries in order, keeping only what `can` allows. */
export function menuFor(modules: readonly WebModule[], can: (p: Permission) => boolean): Array<{ group: MenuGroup; label: string | null; items: MenuEntry[] }> {
  const entries = modules.flatMap((m) => m.menu).filter((e) => !e.permission || can(e.permission))
  return (Object.keys(MENU_GROUPS) as MenuGroup[])
    .sort((a, b) => MENU_GROUPS[a].order - MENU_GROUPS[b].order)
    .map((group) => ({
      group,
      label: MENU_GROUPS[group].label,
      items: entries.filter((e) => e.group === group).sort((a, b) => a.order - b.order),
    }))
    .filter((g) => g.items.length > 0)
}
