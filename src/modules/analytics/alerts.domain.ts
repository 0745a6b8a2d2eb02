/**
 * Pure evaluation of 12315 alert rules (预警规则) for one day: the metrics come in as numbers,
 * the verdict goes out with the figures that justify it. No IO.
 */

export interface Verdict {
  fired: boolean
  /** The observed figure (items, multiple or share in %, depending on the rule). */
  value: number
  /** The figure it was compared with. */
  threshold: number
  title: string
  message: string
  detail: Record<string, unknown>
}

const r2 = (n: number) => Math.round(n * 100) / 100

/**
 * Daily volume ≥ multiplier × the trailing average. `trailing` holds the counts of the days
 * before (normally 28; days without items count as 0). Fires only from `minItems` items on, so a
 * quiet unit going from 1 to 4 items does not alarm anyone.
 */
export function evaluateVolumeSpike(p: { multiplier: number; minItems: number }, dayCount: number, trailing: readonly number[]): Verdict {
  const avg = trailing.length > 0 ? trailing.reduce((a, b) => a + b, 0) / trailing.length : 0
  const threshold = r2(p.multiplier * avg)
  const fired = dayCount >= p.minItems && dayCount >= threshold
  return {
    fired,
    value: dayCount,
    threshold,
    title: '日登记量激增',
    message: `当日登记 ${dayCount} 件，为前 ${trailing.length} 日日均 ${r2(avg)} 件的 ${avg > 0 ? r2(dayCount / avg) : '—'} 倍（阈值 ${p.multiplier} 倍，且不少于 ${p.minItems} 件）`,
    detail: {
      dayCount,
      trailingDays: trailing.length,
      trailingAverage: r2(avg),
      multiple: avg > 0 ? r2(dayCount / avg) : null,
      multiplier: p.multiplier,
      minItems: p.minItems,
    },
  }
}

/**
 * One key (a category or a term) above `sharePct` % of the day's items. With `only` set, just
 * that key is watched; otherwise the largest key. Ties go to the key that sorts first.
 */
export function evaluateShare(
  p: { sharePct: number; minItems: number; only: string | null },
  total: number,
  counts: ReadonlyArray<{ key: string; label: string; items: number }>,
  what: '分类' | '热词',
): Verdict {
  const candidates = (p.only ? counts.filter((c) => c.key === p.only) : counts).slice().sort((a, b) => b.items - a.items || (a.key < b.key ? -1 : 1))
  const top = candidates[0]
  const items = top?.items ?? 0
  const share = total > 0 ? (items / total) * 100 : 0
  // Compared in integers (items × 100 against pct × total): 55 of 100 is exactly 55 %, not 55.000…01 %.
  const fired = !!top && total >= p.minItems && items * 100 > p.sharePct * total
  const label = top?.label ?? p.only ?? '—'
  return {
    fired,
    value: r2(share),
    threshold: p.sharePct,
    title: `单一${what}占比过高：${label}`,
    message: `当日 ${total} 件中“${label}”${items} 件，占 ${r2(share)}%（阈值 ${p.sharePct}%，当日不少于 ${p.minItems} 件）`,
    detail: { key: top?.key ?? p.only, label, items, total, sharePct: r2(share), threshold: p.sharePct, minItems: p.minItems },
  }
}

/** Price-related items on a monitored product reach `minItems` in the day. */
export function evaluateMonitoredProduct(
  p: { minItems: number; productCodes: readonly string[]; keywords: readonly string[] },
  count: number,
  productLabel: string,
): Verdict {
  return {
    fired: count >= p.minItems,
    value: count,
    threshold: p.minItems,
    title: `重点监测商品价格投诉：${productLabel}`,
    message: `当日涉及“${productLabel}”的价格类投诉举报咨询 ${count} 件（阈值 ${p.minItems} 件）`,
    detail: { count, minItems: p.minItems, productCodes: p.productCodes, keywords: p.keywords },
  }
}
