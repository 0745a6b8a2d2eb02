import pg from 'pg'

/** The machine's PostgreSQL (trust auth). Override with TEST_PG_URL. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export function pgUrlFor(database: string): string {
  const u = new URL(PG_ADMIN_URL)
  u.pathname = `/${database}`
  return u.toString()
}

export async function adminQuery(sqlText: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL })
  await c.connect()
  try {
    await c.query(sqlText)
  } finally {
    await c.end()
  }
}
