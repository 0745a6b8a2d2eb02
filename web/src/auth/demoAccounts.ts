/**
 * Every account of the demo city (printed by `serve --demo` too); names only, never secrets.
 * test/demo-accounts.test.ts checks the list against the accounts the demo loader creates.
 */
export const DEMO_ACCOUNTS: { username: string; label: string }[] = [
  { username: 'admin', label: '系统管理员' },
  { username: 'jfadmin', label: '区县局系统管理员' },
  { username: 'leader', label: '局领导' },
  { username: 'operator', label: '12315 接线员' },
  { username: 'handler', label: '办案人员' },
  { username: 'inspector', label: '执法检查人员' },
  { username: 'random', label: '双随机抽查管理员' },
  { username: 'credit', label: '信用监管人员' },
  { username: 'sampling', label: '抽检监管人员' },
  { username: 'jfsampling', label: '抽检监管人员（解放区）' },
  { username: 'lab', label: '承检机构检验人员' },
  { username: 'auditor', label: '安全审计员' },
  { username: 'custodian', label: '举报人信息查阅' },
  { username: 'jf_insp1', label: '检查人员（解放区）' },
  { username: 'jf_insp2', label: '检查人员（解放区）' },
  { username: 'jf_insp3', label: '检查人员（解放区）' },
  { username: 'jf_insp4', label: '检查人员（解放区）' },
  { username: 'sy_insp1', label: '检查人员（山阳区）' },
  { username: 'sy_insp2', label: '检查人员（山阳区）' },
  { username: 'zz_insp1', label: '检查人员（中站区）' },
  { username: 'mc_insp1', label: '检查人员（马村区）' },
  { username: 'city_insp1', label: '检查人员（市局）' },
  { username: 'city_insp2', label: '检查人员（市局）' },
  { username: 'city_insp3', label: '检查人员（市局）' },
  { username: 'city_insp4', label: '检查人员（市局）' },
]
