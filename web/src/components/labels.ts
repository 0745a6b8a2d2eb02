import dayjs from 'dayjs'
import type { LengthUnit, RoleCode, RuleSource, Scope, UnitKind } from '../api/types'

export const PERMISSION_LABELS: Record<string, string> = {
  'org.read': '查看机构',
  'org.manage': '管理机构与管辖区划',
  'user.read': '查看用户',
  'user.manage': '管理用户与授权',
  'token.manage': '管理接口令牌',
  'audit.read': '查看审计记录',
  'calendar.read': '查看工作日历',
  'calendar.manage': '导入与维护节假日安排',
  'rule.read': '查看期限规则',
  'rule.manage': '修订期限规则',
  'personal_data.view': '查看个人信息明文（留痕）',
}

/** Permissions of modules this client has no pages for yet (shown in token and role lists). */
export const OTHER_PERMISSION_LABELS: Record<string, string> = {
  'entity.read': '查看经营主体',
  'entity.manage': '管理经营主体',
  'entity.import': '导入经营主体',
  'entity.export': '导出经营主体',
}

export const ROLE_LABELS: Record<RoleCode, string> = {
  sys_admin: '系统管理员',
  bureau_leader: '局领导',
  operator_12315: '12315 接线员',
  case_handler: '办案人员',
  inspector: '执法检查人员',
  credit_officer: '信用监管人员',
  auditor: '安全审计员',
}

export const SCOPE_OPTIONS: { value: Scope; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'unit_tree', label: '本单位及下级' },
  { value: 'unit', label: '仅本单位' },
  { value: 'self', label: '仅本人' },
]

export const UNIT_KIND_OPTIONS: { value: UnitKind; label: string }[] = [
  { value: 'province_bureau', label: '省局' },
  { value: 'city_bureau', label: '市局' },
  { value: 'district_bureau', label: '区县局' },
  { value: 'station', label: '市场监管所' },
  { value: 'department', label: '内设科室' },
]

export const LENGTH_UNIT_OPTIONS: { value: LengthUnit; label: string }[] = [
  { value: 'WD', label: '工作日' },
  { value: 'CD', label: '自然日' },
  { value: 'M', label: '月' },
  { value: 'Y', label: '年' },
]

export const lengthUnitLabel = (u: string): string => LENGTH_UNIT_OPTIONS.find((o) => o.value === u)?.label ?? u

export const SOURCE_META: Record<RuleSource, { label: string; color: string; tip: string }> = {
  PRIMARY: { label: '原文核实', color: 'green', tip: '已对照法规原文核实' },
  SECONDARY: { label: '二手来源', color: 'gold', tip: '来自解读、流程图等二手资料，尚未对照原文' },
  UNCONFIRMED: { label: '待核实', color: 'red', tip: '条款尚未核实，使用前须法制审核' },
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.login_failed': '登录失败',
  'auth.lockout': '账号锁定',
  'auth.password_change': '修改密码',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.unlock': '解锁用户',
  'user.password_reset': '重置密码',
  'user.grants.set': '设置角色授权',
  'user.personal_data.view': '查看个人信息明文',
  'token.create': '创建接口令牌',
  'token.revoke': '吊销接口令牌',
  'org.unit.create': '新建机构',
  'org.unit.update': '修改机构',
  'calendar.year.import': '导入节假日安排',
  'rule.amend': '修订期限规则',
  'rule.version.create': '新增规则版本',
  'entity.update': '修改经营主体',
  'entity.export': '导出经营主体',
  'entity.import.upload': '上传导入文件',
  'entity.import.commit': '确认导入',
  'entity.import.complete': '导入完成',
  'entity.import.cancel': '取消导入',
}

export const AUDIT_TARGET_LABELS: Record<string, string> = {
  user: '用户',
  api_token: '接口令牌',
  org_unit: '机构',
  calendar_year: '年度日历',
  deadline_rule: '期限规则',
  market_entity: '经营主体',
  import_job: '导入任务',
}

export const actionLabel = (a: string): string => AUDIT_ACTION_LABELS[a] ?? a
export const targetTypeLabel = (t: string): string => AUDIT_TARGET_LABELS[t] ?? t

export function fmtDateTime(v: string | null | undefined): string {
  if (!v) return '—'
  const d = dayjs(v)
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : v
}

export function fmtDate(v: string | null | undefined): string {
  if (!v) return '—'
  const d = dayjs(v)
  return d.isValid() ? d.format('YYYY-MM-DD') : v
}
