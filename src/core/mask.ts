/** Default masking of personal data (个人信息默认脱敏). */
export function maskPhone(v: string | null | undefined): string | null {
  if (!v) return v ?? null
  const d = v.replace(/\s/g, '')
  if (d.length >= 11) return `${d.slice(0, 3)}****${d.slice(-4)}`
  if (d.length >= 7) return `${d.slice(0, 2)}***${d.slice(-2)}`
  return '****'
}

export function maskName(v: string | null | undefined): string | null {
  if (!v) return v ?? null
  const chars = Array.from(v)
  if (chars.length === 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

export function maskEmail(v: string | null | undefined): string | null {
  if (!v) return v ?? null
  const [user = '', domain = ''] = v.split('@')
  return `${user.slice(0, 1)}***@${domain}`
}

export function maskIdNumber(v: string | null | undefined): string | null {
  if (!v) return v ?? null
  return v.length > 8 ? `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}` : '****'
}
