import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { API_TYPES_FILE, generateApiTypes, generateOpenApi } from '../scripts/openapi'

describe('committed OpenAPI document', () => {
  it('matches the routes (run `npm run openapi` after changing an API)', async () => {
    const committed = readFileSync('openapi.json', 'utf8')
    const fresh = await generateOpenApi()
    expect(JSON.parse(committed)).toEqual(JSON.parse(fresh))
  })

  it("and the web client's generated types match it (the same command writes both)", async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8')
    expect(committed).toBe(await generateApiTypes(readFileSync('openapi.json', 'utf8')))
  })
})
