/** matter_clock: one statutory clock of one supervised matter (migration 20261207020000). */
export interface MatterClockTable {
  matterType: string
  matterId: string
  kind: string
  ruleId: string | null
  ruleVersionId: string | null
  ruleValidFrom: string | null
  referenceOn: string | null
  unit: string | null
  length: number | null
  startOn: string
  dueOn: string | null
  doneOn: string | null
  /** JSON array of {from, to, reason}. */
  pausedJson: string
  extensions: number
  provisional: number
  /** JSON array of years. */
  missingYearsJson: string
  unitId: string | null
  createdAt: string
  updatedAt: string
}

declare module '../db/types' {
  interface Database {
    matterClock: MatterClockTable
  }
}
