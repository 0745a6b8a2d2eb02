/**
 * The access vocabulary shared by server and web: the permission catalogue with its zh-CN labels,
 * data scopes and the built-in roles (label and permissions). Pure data: imported by
 * src/modules/access and by the web client alike.
 */

/** Permission catalogue. Later modules add theirs here, with a zh-CN label. */
export const PERMISSIONS = {
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
  'case.read': '查看行政处罚案件',
  'case.handle': '办理行政处罚案件（立案登记、调查、告知、送达）',
  'case.approve': '审批行政处罚案件（延期、法制审核、处罚决定、结案）',
  'case.publicity': '公示、撤回行政处罚信息',
  'case.stats': '查看、导出案件统计',
  'credit.read': '查看信用监管记录',
  'credit.manage': '处理经营异常等信用事项',
  'credit.approve': '批准列入经营异常名录等信用决定（负责人）',
  'inspection.read': '查看双随机抽查',
  'inspection.manage': '维护抽查事项清单与检查人员名录',
  'inspection.plan': '制定抽查计划与任务',
  'inspection.draw': '执行随机抽取',
  'inspection.result': '录入检查结果',
  'inspection.publish': '公示抽查结果',
  'inspection.export': '导出抽查名单与结果',
  'sampling.read': '查看抽检计划、样品与结果',
  'sampling.plan': '制定抽检计划、维护承检机构与人口数',
  'sampling.sample': '执行抽样（填写抽样单）',
  'sampling.manage': '处理不合格（送达、复检、核查处置）',
  'sampling.lab': '承检机构收样、录入与出具检验结果',
  'sampling.stats': '查看与导出抽检统计',
  'collection.read': '查看涉企信息归集与归集率',
  'collection.manage': '维护归集部门与应归集数，导入、录入涉企信息',
  'collection.push': '外部门推送涉企信息（接口）',
} as const
export type Permission = keyof typeof PERMISSIONS

/** How far a grant reaches (数据范围). */
export const DATA_SCOPES = ['all', 'unit_tree', 'unit', 'self'] as const
export type DataScope = (typeof DATA_SCOPES)[number]
export const DATA_SCOPE_LABEL: Record<DataScope, string> = { all: '全部', unit_tree: '本单位及下级', unit: '仅本单位', self: '仅本人' }

const READ_BASICS: Permission[] = ['org.read', 'calendar.read', 'rule.read']

/**
 * Built-in roles. Following the "three administrators" separation common in government systems
 * (三员分立), the system administrator manages accounts but cannot read the audit trail, and the
 * auditor reads it but changes nothing.
 */
export const ROLES = {
  sys_admin: {
    label: '系统管理员',
    permissions: [
      'org.read',
      'org.manage',
      'user.read',
      'user.manage',
      'token.manage',
      'calendar.read',
      'calendar.manage',
      'rule.read',
      'rule.manage',
      'entity.read',
      'entity.manage',
      'entity.import',
      'entity.export',
      'inspection.read',
      'inspection.manage',
    ],
  },
  bureau_leader: {
    label: '局领导',
    permissions: [
      ...READ_BASICS,
      'user.read',
      'personal_data.view',
      'entity.read',
      'entity.export',
      'complaint.read',
      'complaint.supervise',
      'complaint.export',
      'complaint.stats',
      'complaint.alert_manage',
      'lead.read',
      'case.read',
      'case.approve',
      'case.stats',
      'credit.read',
      'credit.approve',
      'inspection.read',
      'inspection.export',
      'sampling.read',
      'sampling.stats',
      'collection.read',
    ],
  },
  operator_12315: {
    label: '12315 接线员',
    permissions: [
      ...READ_BASICS,
      'entity.read',
      'complaint.read',
      'complaint.intake',
      'complaint.dispatch',
      'complaint.import',
      'complaint.stats',
      'complaint.knowledge',
    ],
  },
  case_handler: {
    label: '办案人员',
    permissions: [
      ...READ_BASICS,
      'entity.read',
      'entity.export',
      'complaint.read',
      'complaint.handle',
      'lead.read',
      'lead.manage',
      'case.read',
      'case.handle',
      'case.stats',
      'inspection.read',
    ],
  },
  inspector: {
    label: '执法检查人员',
    permissions: [...READ_BASICS, 'entity.read', 'complaint.read', 'complaint.handle', 'inspection.read', 'inspection.result'],
    requiresCertificate: true,
  },
  random_check_admin: {
    label: '双随机抽查管理员',
    permissions: [
      ...READ_BASICS,
      'entity.read',
      'inspection.read',
      'inspection.manage',
      'inspection.plan',
      'inspection.draw',
      'inspection.publish',
      'inspection.export',
    ],
  },
  credit_officer: {
    label: '信用监管人员',
    // Reads penalty cases: their decisions feed publicity and the credit lists.
    permissions: [
      ...READ_BASICS,
      'entity.read',
      'entity.manage',
      'entity.import',
      'entity.export',
      'credit.read',
      'credit.manage',
      'inspection.read',
      'case.read',
      'case.publicity',
      'case.stats',
      'collection.read',
      'collection.manage',
    ],
  },
  sampling_officer: {
    label: '抽检监管人员',
    permissions: [...READ_BASICS, 'entity.read', 'lead.read', 'sampling.read', 'sampling.plan', 'sampling.sample', 'sampling.manage', 'sampling.stats'],
  },
  // A testing institution's account: sees only the samples commissioned to its own laboratory
  // (sampling_lab_user links the account to the laboratory; the grant's unit is not used for samples).
  sampling_lab: { label: '承检机构检验人员', permissions: ['sampling.lab'] },
  // Another government department's system account (涉企信息归集): pushes its licences and penalties
  // over the API with a token; the department it pushes for names this account (collection_department).
  collection_pusher: { label: '外部门信息推送（接口账号）', permissions: ['collection.push'] },
  // The reporter grant (Order 20 Art 33): given to the few staff who contact real-name reporters
  // (告知立案结果); being a report's handler never shows the reporter.
  reporter_custodian: { label: '举报人信息查阅', permissions: [...READ_BASICS, 'complaint.read', 'reporter.view'] },
  auditor: { label: '安全审计员', permissions: ['audit.read', 'org.read', 'user.read'] },
} as const satisfies Record<string, { label: string; permissions: Permission[]; requiresCertificate?: boolean }>
export type RoleCode = keyof typeof ROLES
export const ROLE_CODES = Object.keys(ROLES) as RoleCode[]
/** zh-CN name of each built-in role. */
export const ROLE_LABEL = Object.fromEntries(ROLE_CODES.map((r) => [r, ROLES[r].label])) as Record<RoleCode, string>
