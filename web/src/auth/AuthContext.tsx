import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useNavigate } from 'react-router-dom'
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client'
import type { Me, Permission } from '../api/types'

interface AuthState {
  /** undefined while the session probe runs; null when nobody is logged in. */
  me: Me | null | undefined
  /** True once a session ended under the user (a 401 after being logged in). */
  expired: boolean
  login: (username: string, password: string) => Promise<Me>
  logout: () => Promise<void>
  refresh: () => Promise<Me | null>
  can: (p: Permission) => boolean
}

const AuthContext = createContext<AuthState | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null | undefined>(undefined)
  const [expired, setExpired] = useState(false)
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

  // A 401 from any later call means the session expired or was ended elsewhere: the guarded
  // routes then send the user to the login page (with the page to come back to).
  useEffect(() => {
    setUnauthorizedHandler(() => {
      setExpired(true)
      setMe(null)
    })
    return () => setUnauthorizedHandler(null)
  }, [setMe])

  const login = useCallback(
    async (username: string, password: string) => {
      const m = await api.post<Me>('/api/auth/login', { username, password }, { noAuthRedirect: true })
      setExpired(false)
      setMe(m)
      return m
    },
    [setMe],
  )

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', {}, { noAuthRedirect: true })
    } finally {
      setExpired(false)
      setMe(null)
      navigate('/login', { replace: true })
    }
  }, [navigate, setMe])

  const can = useCallback((p: Permission) => !!me?.permissions.includes(p), [me])

  const value = useMemo<AuthState>(() => ({ me, expired, login, logout, refresh, can }), [me, expired, login, logout, refresh, can])
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
