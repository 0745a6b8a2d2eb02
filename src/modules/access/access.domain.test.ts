import { describe, expect, it } from 'vitest'
import { generatePassword } from './password'
import { isCommonPassword, passwordProblems, roleDuty, separationProblem } from './access.domain'

describe('password policy', () => {
  it('refuses common passwords however dressed up, and keeps the class mix it states', () => {
    for (const p of ['Password123', 'password123', 'P@ssw0rd2026', '!Password2026', 'Qwerty#2026', 'Woaini1314!', 'Iloveyou!2026'])
      expect(isCommonPassword(p), p).toBe(true)
    for (const p of ['Jianguan#Demo2026', 'Hx7#vLq9!mZp', 'Brand#New9pass']) expect(isCommonPassword(p), p).toBe(false)
    expect(passwordProblems('Password123', 'zhangsan')).toEqual(['密码过于常见，请换一个'])
    expect(passwordProblems('abcdefghjkmn', 'zhangsan')).toContain('密码须包含大写字母、小写字母、数字、符号中的至少三类')
    expect(passwordProblems('Hx7#vLq9!mZp', 'zhangsan')).toEqual([])
    for (let i = 0; i < 50; i++) expect(passwordProblems(generatePassword(), 'zhangsan')).toEqual([])
  })
})

describe('three-administrator separation', () => {
  it('puts every role in one duty and refuses a mix', () => {
    expect(roleDuty('sys_admin')).toBe('admin')
    expect(roleDuty('auditor')).toBe('audit')
    expect(roleDuty('bureau_leader')).toBe('business')
    expect(separationProblem(['case_handler', 'credit_officer', 'inspector'])).toBeNull()
    expect(separationProblem(['sys_admin', 'sys_admin'])).toBeNull()
    expect(separationProblem(['bureau_leader', 'sys_admin'])).toBe('三员分立：用户管理角色（系统管理员）与业务角色（局领导）不能授予同一账号')
    expect(separationProblem(['auditor', 'sys_admin'])).toBe('三员分立：用户管理角色（系统管理员）与审计角色（安全审计员）不能授予同一账号')
    expect(separationProblem(['auditor', 'operator_12315'])).toBe('三员分立：审计角色（安全审计员）与业务角色（12315 接线员）不能授予同一账号')
  })
})
