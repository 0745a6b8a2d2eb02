import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useNavigate } from 'react-router-dom'
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client'
import type { Me, Permission } from '../api/types'

interface AuthState {
  /** undefined while the session probe runs; null when nobody is logged in. */
  me: Me | null | undefined
  login(username: string, password: string): Promise<Me>
  logout(): Promise<void>
  refresh(): Promise<Me | null>
  can(p: Permission): boolean
}

const AuthContext = createContext<AuthState | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null | undefined>(undefined)
  const navigate = useNavigate()

  const setMe = useCallback((m: Me | null) => {
    setCsrfToken(m?.csrfToken ?? null)
    setMeState(m)
  }, [])

  const refresh = useCallback(async () => {
    try {
      const m = await api.get<Me>('/api/auth/me', undefined, { noAuthRedirect: true })
      setMe(m)
      return m
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setMe(null)
        return null
      }
      throw e
    }
  }, [setMe])

  useEffect(() => {
    refresh().catch(() => setMe(null))
  }, [refresh, setMe])

  // A 401 from any later call means the session expired or was ended elsewhere.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      setMe(null)
      const here = window.location.pathname + window.location.search
      if (!here.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(here)}&expired=1`, { replace: true })
    })
    return () => setUnauthorizedHandler(null)
  }, [navigate, setMe])

  const login = useCallback(
    async (username: string, password: string) => {
      const m = await api.post<Me>('/api/auth/login', { username, password }, { noAuthRedirect: true })
      setMe(m)
      return m
    },
    [setMe],
  )

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', {}, { noAuthRedirect: true })
    } finally {
      setMe(null)
      navigate('/login', { replace: true })
    }
  }, [navigate, setMe])

  const can = useCallback((p: Permission) => !!me?.permissions.includes(p), [me])

  const value = useMemo<AuthState>(() => ({ me, login, logout, refresh, can }), [me, login, logout, refresh, can])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext)
  if (!ctx) throw new Error('useAuth outside AuthProvider')
  return ctx
}

/** The logged-in user (only inside guarded routes). */
export function useMe(): Me {
  const { me } = useAuth()
  if (!me) throw new Error('useMe without a session')
  return me
}
