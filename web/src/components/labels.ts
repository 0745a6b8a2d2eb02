import type { EntityKind, EntityStatus, EntityTag, ImportStatus, LengthUnit, RiskClass, RoleCode, RuleSource, Scope, UnitKind } from '../api/types'

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
  'entity.read': '查询经营主体名录',
  'entity.manage': '维护经营主体（含校验例外）',
  'entity.import': '导入经营主体名录',
  'entity.export': '导出经营主体名录',
  'complaint.read': '查看投诉举报咨询',
  'complaint.intake': '登记投诉举报咨询（热线、窗口、来信）',
  'complaint.dispatch': '分送、退回与管辖调整',
  'complaint.handle': '办理投诉举报（受理、调解、核查、反馈）',
  'complaint.supervise': '督办',
  'complaint.import': '导入全国12315平台转办件',
  'complaint.export': '导出投诉举报数据',
  'complaint.stats': '查看 12315 统计、热点与日报',
  'complaint.alert_manage': '配置与确认 12315 预警',
  'complaint.knowledge': '维护 12315 常用语（咨询标准答复）',
  'reporter.view': '查看举报人身份信息（留痕）',
  'lead.read': '查看案源线索',
  'lead.manage': '处理案源线索',
  'credit.read': '查看信用监管记录',
  'credit.manage': '处理经营异常等信用事项',
  'inspection.read': '查看双随机抽查',
  'inspection.manage': '维护抽查事项清单与检查人员名录',
  'inspection.plan': '制定抽查计划与任务',
  'inspection.draw': '执行随机抽取',
  'inspection.result': '录入检查结果',
  'inspection.publish': '公示抽查结果',
  'inspection.export': '导出抽查名单与结果',
}

/** Permissions of modules this client has no pages for yet (shown in token and role lists). */
export const OTHER_PERMISSION_LABELS: Record<string, string> = {}

export const ROLE_LABELS: Record<RoleCode, string> = {
  sys_admin: '系统管理员',
  bureau_leader: '局领导',
  operator_12315: '12315 接线员',
  case_handler: '办案人员',
  inspector: '执法检查人员',
  random_check_admin: '双随机抽查管理员',
  credit_officer: '信用监管人员',
  reporter_custodian: '举报人信息查阅',
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

/**
 * Every action and target type the server records in the audit trail, in Chinese. The server's
 * list is read from its source by src/modules/audit/web-labels.unit.test.ts: an action without a
 * label here (or a label for an action that no longer exists) fails `npm test`.
 */
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
  'entity.create': '登记经营主体',
  'entity.create.checksum_exception': '按校验例外登记经营主体',
  'entity.update': '修改经营主体',
  'entity.export': '导出经营主体',
  'entity.import.upload': '上传导入文件',
  'entity.import.commit': '确认导入',
  'entity.import.complete': '导入完成',
  'entity.import.cancel': '取消导入',
  // 12315 centre
  'complaint.intake': '登记诉求',
  'complaint.dispatch': '分送',
  'complaint.return': '退回（无管辖权）',
  'complaint.raise_dispute': '提出管辖争议',
  'complaint.resolve_dispute': '确定管辖',
  'complaint.merge': '合并诉求',
  'complaint.accept': '受理投诉',
  'complaint.reject': '不予受理',
  'complaint.pause': '中止调解计时',
  'complaint.resume': '恢复调解',
  'complaint.conclude': '调解结束',
  'complaint.terminate': '终止调解',
  'complaint.notify_termination': '送达终止调解告知',
  'complaint.follow_up': '转入回访',
  'complaint.close': '办结',
  'complaint.extend_verification': '延长核查期限',
  'complaint.file_case': '立案（移送案源）',
  'complaint.not_file': '不予立案',
  'complaint.notify_reporter': '告知举报人',
  'complaint.answer': '答复咨询',
  'complaint.inform_no_jurisdiction': '告知向有权部门举报',
  'complaint.assign': '指派承办人',
  'complaint.link': '关联原件',
  'complaint.respondent.link': '关联被投诉（举报）人',
  'complaint.feedback': '记录反馈',
  'complaint.supervise': '下达督办',
  'complaint.supervision.respond': '回复督办',
  'complaint.escalate': '超期升级',
  'complaint.attachment.add': '上传附件',
  'complaint.document': '出具文书',
  'document.issue': '出具文书',
  'document.print': '打印文书（存档副本）',
  'document.void': '作废文书',
  'org.doc_abbreviation': '设置发文机关代字',
  'complaint.export': '导出诉求',
  'complaint.parties.reveal': '查看当事人信息明文',
  'complaint.reporter.reveal': '查看举报人身份明文',
  'complaint.rate': '公众评价满意度',
  'complaint.settings.update': '修改 12315 设置',
  'complaint.import.upload': '上传转办件文件',
  'complaint.import.commit': '确认导入转办件',
  'complaint.import.cancel': '取消导入转办件',
  'complaint.stats.export': '导出统计报表',
  'complaint.answer.create': '新增常用语',
  'complaint.answer.update': '修改常用语',
  'complaint.answer.deactivate': '停用常用语',
  'complaint.answer.seed': '载入常用语',
  'complaint.portal.document': '公众下载告知书',
  'complaint.portal.recover': '公众找回查询码',
  'complaint.alert_rule.create': '新建预警规则',
  'complaint.alert_rule.update': '修改预警规则',
  'complaint.alert.acknowledge': '确认预警',
  // case leads and credit
  'lead.create': '登记案源线索',
  'lead.decide': '处理案源线索',
  'credit.propose': '提出信用处理建议',
  'credit.decide': '决定信用处理建议',
  // double random, one public
  'inspection.item.create': '新增抽查事项',
  'inspection.item.update': '修改抽查事项',
  'inspection.item.import': '导入抽查事项清单',
  'inspection.inspector.add': '加入检查人员名录',
  'inspection.inspector.update': '修改检查人员',
  'inspection.list.import': '导入特定对象名录',
  'inspection.plan.create': '新建抽查计划',
  'inspection.plan.update': '修改抽查计划',
  'inspection.task.create': '新建抽查任务',
  'inspection.task.update': '修改抽查任务',
  'inspection.task.announce': '公告抽查任务',
  'inspection.task.void': '作废抽查任务',
  'inspection.task.complete': '完成抽查任务',
  'inspection.task.publish': '公示抽查结果',
  'inspection.conflict.add': '登记回避关系',
  'inspection.conflict.remove': '撤销回避关系',
  'inspection.draw': '随机抽取',
  'inspection.redraw': '重新抽取',
  'inspection.draw.failed': '随机抽取失败',
  'inspection.result.record': '录入检查结果',
  'inspection.attachment.add': '上传检查附件',
  'inspection.export': '导出抽查名单与结果',
}

export const AUDIT_TARGET_LABELS: Record<string, string> = {
  user: '用户',
  api_token: '接口令牌',
  org_unit: '机构',
  calendar_year: '年度日历',
  deadline_rule: '期限规则',
  market_entity: '经营主体',
  import_job: '导入任务',
  app_setting: '系统设置',
  complaint_item: '投诉举报咨询',
  complaint_import: '转办件导入',
  complaint_stats: '12315 统计报表',
  complaint_answer: '12315 常用语',
  complaint_alert: '12315 预警',
  complaint_alert_rule: '12315 预警规则',
  case_lead: '案源线索',
  credit_proposal: '信用处理建议',
  inspection_item: '抽查事项',
  inspection_inspector: '检查人员',
  inspection_special_list: '特定对象名录',
  inspection_import: '抽查导入',
  inspection_plan: '抽查计划',
  inspection_task: '抽查任务',
  inspection_draw: '随机抽取',
  inspection_target: '抽查对象',
}

export const actionLabel = (a: string): string => AUDIT_ACTION_LABELS[a] ?? a
export const targetTypeLabel = (t: string): string => AUDIT_TARGET_LABELS[t] ?? t

/** Dates and times are shown in Beijing time through the one helper shared with the server. */
import * as time from '../../../src/shared/time'

export { beijingDate, beijingHour, beijingToday } from '../../../src/shared/time'
// One-argument forms, so they can be a table column's render function directly.
export const fmtDateTime = (v: time.TimeInput): string => time.fmtDateTime(v)
/** 2026-12-06 02:00 — without seconds. */
export const fmtDateTimeShort = (v: time.TimeInput): string => time.fmtDateTime(v, { seconds: false })
export const fmtDate = (v: time.TimeInput): string => time.fmtDate(v)
export const fmtDateCn = (v: time.TimeInput): string => time.fmtDateCn(v)
/** 2026年12月6日 星期日 */
export const fmtDateCnWeekday = (v: time.TimeInput): string => time.fmtDateCn(v, { weekday: true })
export const fmtDateTimeCn = (v: time.TimeInput): string => time.fmtDateTimeCn(v)

/* ---------- market-entity register ---------- */

export const ENTITY_KIND_OPTIONS: { value: EntityKind; label: string }[] = [
  { value: 'enterprise', label: '企业' },
  { value: 'individual', label: '个体工商户' },
  { value: 'cooperative', label: '农民专业合作社' },
  { value: 'other', label: '其他组织' },
]

/** Registration status: the short word for tags and filters; `full` as the registration system says it. */
export const ENTITY_STATUS_META: Record<EntityStatus, { label: string; full: string; color: string }> = {
  active: { label: '存续', full: '存续（在营、开业、在册）', color: 'green' },
  suspended: { label: '停业', full: '停业', color: 'orange' },
  revoked: { label: '吊销', full: '吊销', color: 'red' },
  cancelled: { label: '注销', full: '注销', color: 'default' },
  moved_out: { label: '迁出', full: '迁出', color: 'blue' },
  withdrawn: { label: '撤销', full: '撤销', color: 'purple' },
}
export const ENTITY_STATUS_OPTIONS = (Object.keys(ENTITY_STATUS_META) as EntityStatus[]).map((value) => ({ value, label: ENTITY_STATUS_META[value].full }))
/** The short words, for filters. */
export const ENTITY_STATUS_FILTER_OPTIONS = (Object.keys(ENTITY_STATUS_META) as EntityStatus[]).map((value) => ({ value, label: ENTITY_STATUS_META[value].label, title: ENTITY_STATUS_META[value].full }))
export const entityStatusMeta = (s: string) => ENTITY_STATUS_META[s as EntityStatus] ?? { label: s, full: s, color: 'default' }

export const ENTITY_TAG_LABELS: Record<EntityTag, string> = {
  cold_chain: '冷链食品经营者',
  food_business: '食品经营者',
  pharmacy: '药品零售',
  medical_device: '医疗器械经营',
  special_equipment: '特种设备使用单位',
  mask_producer: '口罩生产企业',
  online_platform: '网络交易平台',
  platform_seller: '平台内经营者',
  price_monitored: '重点价格监测',
}
export const ENTITY_TAG_OPTIONS = (Object.keys(ENTITY_TAG_LABELS) as EntityTag[]).map((value) => ({ value, label: ENTITY_TAG_LABELS[value] }))

/** 信用风险分类：A 低风险 … D 高风险. */
export const RISK_CLASS_META: Record<RiskClass, { label: string; color: string }> = {
  A: { label: 'A 类 · 低风险', color: 'green' },
  B: { label: 'B 类 · 一般风险', color: 'blue' },
  C: { label: 'C 类 · 较高风险', color: 'orange' },
  D: { label: 'D 类 · 高风险', color: 'red' },
}
export const RISK_CLASS_OPTIONS = (Object.keys(RISK_CLASS_META) as RiskClass[]).map((value) => ({ value, label: RISK_CLASS_META[value].label }))

/** GB/T 4754-2017 sections (门类). */
export const INDUSTRY_SECTIONS: Record<string, string> = {
  A: '农、林、牧、渔业', B: '采矿业', C: '制造业', D: '电力、热力、燃气及水生产和供应业', E: '建筑业', F: '批发和零售业',
  G: '交通运输、仓储和邮政业', H: '住宿和餐饮业', I: '信息传输、软件和信息技术服务业', J: '金融业', K: '房地产业',
  L: '租赁和商务服务业', M: '科学研究和技术服务业', N: '水利、环境和公共设施管理业', O: '居民服务、修理和其他服务业',
  P: '教育', Q: '卫生和社会工作', R: '文化、体育和娱乐业', S: '公共管理、社会保障和社会组织', T: '国际组织',
}
export const INDUSTRY_OPTIONS = Object.entries(INDUSTRY_SECTIONS).map(([value, label]) => ({ value, label: `${value} ${label}` }))

export const LICENCE_KIND_LABELS: Record<string, string> = { food_business: '食品经营许可证' }

export const IMPORT_STATUS_META: Record<ImportStatus, { color: string; running: boolean }> = {
  validating: { color: 'processing', running: true },
  validated: { color: 'gold', running: false },
  importing: { color: 'processing', running: true },
  done: { color: 'success', running: false },
  failed: { color: 'error', running: false },
  cancelled: { color: 'default', running: false },
}
export const isImportRunning = (s: string): boolean => IMPORT_STATUS_META[s as ImportStatus]?.running ?? false

/** "10000+" when the server stopped counting. */
export const fmtCount = (n: number, capped = false): string => `${n}${capped ? '+' : ''}`
