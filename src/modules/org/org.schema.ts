import { z } from 'zod'
import { DivisionCode, UnitFields } from '../../shared/org/schema'
import { UNIT_KINDS } from './org.domain'

export { DivisionCode }

export const OrgUnit = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    code: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    kind: z.enum(UNIT_KINDS),
    kindLabel: z.string(),
    depth: z.number().int(),
    sortOrder: z.number().int(),
    active: z.boolean(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    divisions: z.array(z.object({ code: z.string(), name: z.string() })),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'OrgUnit' })
export type OrgUnit = z.infer<typeof OrgUnit>

const unitFields = UnitFields

export const CreateOrgUnitBody = z.object({ parentId: z.string().uuid('上级机构 ID 无效').nullable(), ...unitFields }).meta({ id: 'CreateOrgUnitBody' })
export type CreateOrgUnit = z.infer<typeof CreateOrgUnitBody>

export const UpdateOrgUnitBody = z
  .object({
    expectedVersion: z.number().int().min(1).describe('乐观锁：读取时的版本号'),
    parentId: z.string().uuid().nullable().optional(),
    code: unitFields.code.optional(),
    name: unitFields.name.optional(),
    shortName: unitFields.shortName,
    sortOrder: unitFields.sortOrder,
    address: unitFields.address,
    phone: unitFields.phone,
    active: z.boolean().optional(),
    divisionCodes: unitFields.divisionCodes,
  })
  .meta({ id: 'UpdateOrgUnitBody' })
export type UpdateOrgUnit = z.infer<typeof UpdateOrgUnitBody>

export const DivisionOut = z
  .object({ code: z.string(), name: z.string(), level: z.string(), parentCode: z.string().nullable(), fullName: z.string() })
  .meta({ id: 'Division' })

export const CompetentUnitOut = z
  .object({ division: DivisionOut.nullable(), unit: OrgUnit.nullable(), matchedCode: z.string().nullable() })
  .meta({ id: 'CompetentUnit' })
