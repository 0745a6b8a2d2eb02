import { useCallback, useEffect, useRef, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { errorMessage } from '../api/client'

export interface Loadable<T> {
  data: T | undefined
  loading: boolean
  error: string | null
  reload: () => void
}

/**
 * Loads data with `load` whenever `deps` change; keeps the previous data while reloading and
 * ignores answers that arrive after a newer request started.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[], enabled = true): Loadable<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [loading, setLoading] = useState(enabled)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    if (!enabled) {
      setLoading(false)
      return
    }
    const ctrl = new AbortController()
    setLoading(true)
    setError(null)
    loadRef.current(ctrl.signal).then(
      (d) => {
        if (ctrl.signal.aborted) return
        setData(d)
        setLoading(false)
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return
        setError(errorMessage(e))
        setLoading(false)
      },
    )
    return () => ctrl.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, enabled])

  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, loading, error, reload }
}

/** A value that follows `value` after `ms` without changes. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return v
}

/**
 * The last non-null value: a drawer or modal keeps showing its content while it animates closed
 * after the caller has already cleared the value.
 */
export function useSticky<T>(value: T | null | undefined): T | null {
  const ref = useRef<T | null>(null)
  if (value !== null && value !== undefined) ref.current = value
  return ref.current
}

/**
 * A list page's filters kept in the address bar (so a reload or a shared link shows the same list).
 * `parse` reads the filters from the URL, validating each (unknown values fall back to its default);
 * every key it returns is a filter. `set` changes some of them (`null` clears one): a value equal to
 * its default is left out of the URL, and the page goes back to 1 unless given.
 */
export function useUrlFilters<F extends Record<string, string | undefined>>(
  parse: (params: URLSearchParams) => F,
  defaults: { [K in keyof F]?: string } = {},
  maxPage = 1000,
): { filters: F; page: number; set: (next: { [K in keyof F]?: F[K] | null } & { page?: number }) => void } {
  const [params, setParams] = useSearchParams()
  const filters = parse(params)
  const page = Math.max(1, Math.min(maxPage, Number(params.get('page')) || 1))
  const set = (next: { [K in keyof F]?: F[K] | null } & { page?: number }) => {
    const p: Record<string, string> = {}
    for (const k of Object.keys(filters) as (keyof F & string)[]) {
      const v = next[k] === null ? undefined : (next[k] ?? filters[k])
      if (v !== undefined && v !== defaults[k]) p[k] = v
    }
    if ((next.page ?? 1) > 1) p.page = String(next.page)
    setParams(p)
  }
  return { filters, page, set }
}
