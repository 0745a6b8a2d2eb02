/**
 * The database interface. Each module adds its tables by declaration merging from its
 * `<module>.tables.ts`, so core stays free of domain knowledge:
 *
 *   declare module '../../core/db/types' { interface Database { orgUnit: OrgUnitTable } }
 *
 * Conventions (ADR 0001): ids are UUIDv7 text; instants are ISO-8601 UTC text; legal dates are
 * YYYY-MM-DD text; booleans are integer 0/1; money is integer fen; JSON is text.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface Database {}
