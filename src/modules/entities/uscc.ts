import { divisionCodeStatus } from '../org'
import { validateUscc, type UsccResult } from './uscc.domain'

/**
 * The platform's one USCC rule, for every surface (register, hotline intake, 12315 and register
 * imports, inspection lists, `jianguan uscc validate`): GB 32100's check characters decide validity;
 * a division code outside today's table is a warning, named from the historical GB/T 2260 revisions
 * when it is a retired code.
 */
export function checkUscc(raw: string): UsccResult {
  return validateUscc(raw, divisionCodeStatus)
}
