import { z } from 'zod'

/**
 * Environment variables, parsed once. Only `loadConfig` reads `process.env`; everything else
 * receives a typed `Config`. Defaults give a zero-configuration embedded (SQLite) setup.
 */
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes')

export const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port'),
    HOST: z.string().default('0.0.0.0').describe('HTTP listen address'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须是 postgres:// 地址')
      .optional()
      .describe('PostgreSQL connection string; when set, PostgreSQL is used instead of SQLite'),
    SQLITE_PATH: z.string().default('./data/jianguan.db').describe('Embedded SQLite database file'),
    SQLITE_SYNCHRONOUS: z
      .enum(['NORMAL', 'FULL'])
      .default('NORMAL')
      .describe('NORMAL survives an app crash; FULL also a power cut, at the cost of an fsync per commit'),
    SQLITE_CHECKPOINT: z
      .enum(['background', 'inline'])
      .default('background')
      .describe(
        'background: WAL checkpoints (and their fsync) run in a worker thread, off the request path; inline: SQLite runs them inside the commit that fills the WAL',
      ),
    PG_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10).describe('PostgreSQL pool size per process'),
    PG_JIT_OFF_AT_CONNECT: bool
      .default(true)
      .describe(
        'Send `-c jit=off` as a startup option on every PostgreSQL connection. Set false behind a pooler that refuses startup options (PgBouncer without ignore_startup_parameters = options) and run `ALTER ROLE <user> SET jit = off` instead',
      ),
    DB_MIGRATE_ON_START: bool.default(true).describe('Run migrations when the server starts'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24)
      .default(12),
    COOKIE_SECURE: bool.default(false).describe('Mark session cookies Secure (set true behind HTTPS)'),
    TRUST_PROXY: bool.default(false).describe('Trust X-Forwarded-* headers from a reverse proxy'),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCK_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
    RATE_LIMIT_PUBLIC_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    WEB_DIST: z.string().default('./web/dist').describe('Built web client served at /'),
    IMPORT_DIR: z.string().default('./data/imports').describe('Where uploaded import files wait for their job'),
    IMPORT_MAX_MB: z.coerce.number().int().min(1).max(4096).default(512).describe('Largest accepted import file'),
    AUDIT_ANCHOR_FILE: z
      .string()
      .default('./data/audit-anchors.jsonl')
      .describe('Append-only file of signed audit-chain checkpoints (keep it off the database host where possible)'),
    AUDIT_ANCHOR_KEY: z
      .string()
      .min(32, 'AUDIT_ANCHOR_KEY 至少 32 个字符')
      .optional()
      .describe('HMAC key signing the checkpoints; never stored in the database'),
    AUDIT_ANCHOR_KEY_FILE: z
      .string()
      .default('./data/audit-anchor.key')
      .describe('Where the checkpoint key is read from (created with mode 0600 on first use) when AUDIT_ANCHOR_KEY is not set'),
    AUDIT_CHECKPOINT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60)
      .describe('How often the server writes a checkpoint'),
    SITE_ICP: z.string().max(60).optional().describe("ICP filing number shown in the public pages' footer (e.g. 豫ICP备…号)"),
    SITE_GOV_ID: z.string().max(30).optional().describe("Government website identifier (网站标识码) shown in the public pages' footer"),
    FILE_DIR: z.string().default('./data/files').describe('Uploaded attachments (content-addressed by sha256, outside the database)'),
    FILE_SCAN_COMMAND: z
      .string()
      .max(300)
      .optional()
      .describe(
        "Virus scanner for uploaded attachments, reading the file on stdin with ClamAV's exit codes (e.g. 'clamdscan --no-summary -'); unset: rows record not_scanned",
      ),
    ALERT_HOME_DAYS: z.coerce
      .number()
      .int()
      .min(1)
      .max(366)
      .default(14)
      .describe('Home pages and the leader dashboard show unacknowledged 12315 alerts of this many recent days; older ones stay on the alerts page'),
    PUBLICITY_LOWER_FINE_YUAN: z.coerce
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .default(0)
      .describe(
        'Penalty publicity (Order 45 Art 13): the province\'s "lower-amount fine" in yuan — a fine-only penalty up to it is displayed 3 months; 0 = not set (every fine 3 years). UNCONFIRMED, set per province',
      ),
    CREDIT_SERIOUS_UPPER_APPROVAL: bool
      .default(true)
      .describe(
        'Serious-violation list (Order 44): a county or district bureau lists only after the approval of the level above (true, Order 44 as in force); false once the 2025 revision drops that step',
      ),
  })
  .transform((e) => ({
    http: { port: e.PORT, host: e.HOST, trustProxy: e.TRUST_PROXY },
    db: e.DATABASE_URL
      ? ({ driver: 'postgres', url: e.DATABASE_URL, poolMax: e.PG_POOL_MAX, jitOffAtConnect: e.PG_JIT_OFF_AT_CONNECT } as const)
      : ({ driver: 'sqlite', path: e.SQLITE_PATH, synchronous: e.SQLITE_SYNCHRONOUS, checkpoint: e.SQLITE_CHECKPOINT } as const),
    migrateOnStart: e.DB_MIGRATE_ON_START,
    log: { level: e.LOG_LEVEL },
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      cookieSecure: e.COOKIE_SECURE,
    },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES },
    rateLimit: { loginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE, publicPerMinute: e.RATE_LIMIT_PUBLIC_PER_MINUTE },
    webDist: e.WEB_DIST,
    imports: { dir: e.IMPORT_DIR, maxBytes: e.IMPORT_MAX_MB * 1024 * 1024 },
    auditAnchor: { file: e.AUDIT_ANCHOR_FILE, key: e.AUDIT_ANCHOR_KEY ?? null, keyFile: e.AUDIT_ANCHOR_KEY_FILE, everyMinutes: e.AUDIT_CHECKPOINT_MINUTES },
    files: { dir: e.FILE_DIR, scanCommand: e.FILE_SCAN_COMMAND ?? null },
    site: { icp: e.SITE_ICP ?? null, govId: e.SITE_GOV_ID ?? null },
    alerts: { homeDays: e.ALERT_HOME_DAYS },
    publicity: { lowerFineFen: e.PUBLICITY_LOWER_FINE_YUAN * 100 },
    credit: { seriousUpperApproval: e.CREDIT_SERIOUS_UPPER_APPROVAL },
  }))

export type Config = z.output<typeof EnvSchema>
export type DbConfig = Config['db']

/** Parses the environment; throws an AppError-like error listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`配置错误：\n${lines.join('\n')}`)
  }
  return parsed.data
}

/** A config for tests and tools, with overrides. */
export function configFrom(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ...overrides })
}

/**
 * Where `serve` listens. Demo mode publishes its password, so it listens on 127.0.0.1 unless HOST
 * is set explicitly (e.g. HOST=0.0.0.0 to show the demo on a LAN); otherwise the configured HOST.
 */
export function listenHost(config: Config, opts: { demo: boolean }, env: NodeJS.ProcessEnv = process.env): string {
  if (opts.demo && !env.HOST) return '127.0.0.1'
  return config.http.host
}
