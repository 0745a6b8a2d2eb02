export interface CalendarYearTable {
  year: number
  /** 'chinese-days' (built in) or 'import' (an administrator loaded the State Council notice). */
  source: string
  notice: string | null
  importedBy: string | null
  importedAt: string
}
export interface CalendarDayTable {
  date: string
  year: number
  /** 'off' = official day off; 'work' = weekend day designated a working day (调休上班). */
  kind: string
  name: string
}
export interface AppSettingTable {
  key: string
  value: string
  updatedAt: string
}

declare module '../../core/db/types' {
  interface Database {
    calendarYear: CalendarYearTable
    calendarDay: CalendarDayTable
    appSetting: AppSettingTable
  }
}
