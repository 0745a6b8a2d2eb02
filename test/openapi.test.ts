import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateOpenApi } from '../scripts/openapi'

describe('committed OpenAPI document', () => {
  it('matches the routes (run `npm run openapi` after changing an API)', async () => {
    const committed = readFileSync('openapi.json', 'utf8')
    const fresh = await generateOpenApi()
    expect(JSON.parse(committed)).toEqual(JSON.parse(fresh))
  })
})
