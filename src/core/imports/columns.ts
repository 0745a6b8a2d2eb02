/**
 * Column mapping by header aliases. A module declares its columns once — key → the label used in
 * messages and templates, and the Chinese header names other systems use for it — and the kit
 * finds them in a file's header row. Pure.
 */
export interface ColumnDef {
  /** The header of the import template, and the column name in every row error. */
  label: string
  /** Further header names accepted for this column (the label and the key itself always are). */
  aliases?: readonly string[]
}
export type Columns<K extends string = string> = Readonly<Record<K, ColumnDef>>

/** Header text as compared: NFKC (full-width → half-width), no whitespace, no leading * (required marker). */
export const normHeader = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/^\*/, '')

export interface HeaderMap<K extends string> {
  /** Column key → index in the row. */
  index: Map<K, number>
  /**
   * Further file columns under another accepted name of the same key, read when the first is empty
   * (a JSON batch whose objects use different names for one field becomes such a table).
   */
  also: Map<K, number[]>
  /** Required keys not found (for a `requireAny` group: its first key). */
  missing: K[]
  /** Non-empty headers that matched no column. */
  unknown: string[]
}

/**
 * Finds each column in the header row: a custom header chosen by the user (saved mapping) when
 * given, else the label, the aliases or the key, in that order; each file column is used once.
 */
export function mapHeaders<K extends string>(
  header: readonly string[],
  columns: Columns<K>,
  opts: { required?: readonly K[]; requireAny?: ReadonlyArray<readonly K[]>; custom?: Partial<Record<K, string>> } = {},
): HeaderMap<K> {
  const at = new Map<string, number>()
  header.forEach((h, i) => {
    const n = normHeader(h ?? '')
    if (n && !at.has(n)) at.set(n, i)
  })
  const index = new Map<K, number>()
  const used = new Set<number>()
  for (const k of Object.keys(columns) as K[]) {
    const c = columns[k]
    const custom = opts.custom?.[k]
    const wanted = custom ? [custom] : [c.label, ...(c.aliases ?? []), k]
    for (const a of wanted) {
      const i = at.get(normHeader(a))
      if (i !== undefined && !used.has(i)) {
        index.set(k, i)
        used.add(i)
        break
      }
    }
  }
  const also = new Map<K, number[]>()
  for (const k of Object.keys(columns) as K[]) {
    if (opts.custom?.[k] || !index.has(k)) continue
    const c = columns[k]
    for (const a of [c.label, ...(c.aliases ?? []), k]) {
      const i = at.get(normHeader(a))
      if (i !== undefined && !used.has(i)) {
        also.set(k, [...(also.get(k) ?? []), i])
        used.add(i)
      }
    }
  }
  return {
    index,
    also,
    // A group of which one column suffices is reported by its first member.
    missing: [
      ...(opts.required ?? []).filter((k) => !index.has(k)),
      ...(opts.requireAny ?? []).filter((g) => g.length > 0 && !g.some((k) => index.has(k))).map((g) => g[0]!),
    ],
    unknown: header.filter((h, i) => !used.has(i) && (h ?? '').trim() !== ''),
  }
}

/** The cells of one row as a record by column key (trimmed; '' for an absent column). */
export function pickCells<K extends string>(cells: readonly string[], map: Pick<HeaderMap<K>, 'index' | 'also'>, keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>
  for (const k of keys) {
    const i = map.index.get(k)
    let v = i === undefined ? '' : (cells[i] ?? '').trim()
    if (v === '') for (const j of map.also.get(k) ?? []) if ((v = (cells[j] ?? '').trim()) !== '') break
    out[k] = v
  }
  return out
}

/** “缺少必需的列：A、B” for the missing keys. */
export function missingColumnsMessage<K extends string>(missing: readonly K[], columns: Columns<K>, hint = ''): string {
  return `缺少必需的列：${missing.map((k) => columns[k].label).join('、')}${hint}`
}
