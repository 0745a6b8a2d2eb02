import { readFileSync } from 'node:fs'
import { Command, Option } from 'commander'
import { openPlatform, buildApp, startSchedules, type Services } from '../app'
import { systemCtx } from '../core/actor'
import { listenHost, loadConfig } from '../core/config'
import { AppError } from '../core/errors'
import { loadDemoCity, DEMO_PASSWORD } from '../demo/demo'
import { loadDemoEntities, writeDemoEntitiesCsv, writeSampleImportXlsx } from '../demo/entities'
import { loadDemoInspections } from '../demo/inspections'
import { loadDemoSampling } from '../demo/sampling'
import { loadDemoComplaints } from '../demo/complaints'
import { loadComplaintsHistory } from '../demo/complaints-history'
import { loadDemoCaseHistory, loadDemoCases } from '../demo/cases'
import { loadDemoCredit } from '../demo/credit'
import { loadDemoCollection } from '../demo/collection'
import { loadDemoSerious } from '../demo/credit-serious'
import { registerEntityCommands } from './entities'
import { generatePassword } from '../modules/access'
import { printableLegalBasis } from '../shared/legal'
import { beijingDate } from '../shared/time'

const RULE_UNIT_LABEL: Record<string, string> = { WD: '个工作日', CD: '日', M: '个月', Y: '年' }

/** An instant in Beijing time, the Chinese way (2026-12-06 10:00:00 北京时间). */
function formatBeijing(iso: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  )
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} 北京时间`
}

/** Prints `code: message` and exits non-zero: the CLI's one error contract. */
function fail(e: unknown): never {
  if (e instanceof AppError) {
    process.stderr.write(`${e.code}: ${e.message}\n`)
    process.exit(e.code === 'CALENDAR_YEAR_MISSING' ? 3 : 2)
  }
  const msg = e instanceof Error ? e.message : String(e)
  process.stderr.write(`INTERNAL: ${msg}\n`)
  process.exit(1)
}

async function withPlatform<T>(fn: (s: Services) => Promise<T>): Promise<T> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...process.env })
  const s = await openPlatform(config, { migrate: true })
  try {
    return await fn(s)
  } finally {
    await s.handle.close()
  }
}

function checkProvisional(r: { provisional: boolean; missingYears: number[] }, allow: boolean) {
  if (!r.provisional) return
  const years = r.missingYears.join('、')
  if (!allow)
    throw new AppError(
      'CALENDAR_YEAR_MISSING',
      `${years} 年的节假日安排尚未载入，无法确定工作日（可用 jianguan calendar import 导入，或加 --provisional 仅按周末临时推算）`,
    )
  process.stderr.write(`警告：${years} 年的节假日安排尚未载入，以下结果仅按周末临时推算\n`)
}

export function buildCli(): Command {
  const program = new Command()
  program.name('jianguan').description('监管 Jianguan：市场监督管理综合平台').showHelpAfterError()

  program
    .command('serve')
    .description('启动 HTTP 服务（端口取自 PORT，数据库取自 DATABASE_URL 或 SQLITE_PATH）')
    .option('--demo', '空库时载入演示城市（焦作市）与演示账号')
    .option('--demo-entities <n>', '演示经营主体户数', '50000')
    .option('--no-demo-history', '不载入 12315 历史演示数据（2019 年 7 月至今，含 2020 年疫情高峰）')
    .action(async (opts: { demo?: boolean; demoEntities: string; demoHistory: boolean }) => {
      const config = loadConfig()
      const s = await openPlatform(config)
      if (opts.demo && (await s.org.count()) === 0) {
        const users = await loadDemoCity(s, (l) => process.stdout.write(`${l}\n`))
        const n = Number(opts.demoEntities)
        if (Number.isInteger(n) && n > 0) await loadDemoEntities(s, n, (l) => process.stdout.write(`${l}\n`))
        await loadDemoInspections(s, (l) => process.stdout.write(`${l}\n`))
        // Annual reports (~96 %) and the abnormal list of the last two seasons.
        await loadDemoCredit(s, (l) => process.stdout.write(`${l}\n`))
        // Other departments' licences and penalties collected this year (涉企信息归集).
        await loadDemoCollection(s, (l) => process.stdout.write(`${l}\n`))
        await loadDemoSampling(s, (l) => process.stdout.write(`${l}\n`))
        await loadDemoComplaints(s, (l) => process.stdout.write(`${l}\n`))
        // The 12315 history (2019-07 to today) takes tens of seconds; browser tests that do not need it pass --no-demo-history.
        if (opts.demoHistory) {
          await loadComplaintsHistory(s, { log: (l) => process.stdout.write(`${l}\n`) })
          // Case files in every stage come with the history (browser tests without it keep an empty case list).
          await loadDemoCases(s, (l) => process.stdout.write(`${l}\n`))
          await loadDemoCaseHistory(s, (l) => process.stdout.write(`${l}\n`))
          // Serious-list entries born from the demo cases, and credit repairs.
          await loadDemoSerious(s, (l) => process.stdout.write(`${l}\n`))
        }
        process.stdout.write(`\n==== 演示模式（仅供演示，切勿用于生产）====\n演示账号（密码均为 ${DEMO_PASSWORD}）：\n`)
        for (const u of users) process.stdout.write(`  ${u.username.padEnd(10)} ${u.label}（${u.displayName}，${u.unit}）\n`)
        process.stdout.write('==========================================\n\n')
      } else if (opts.demo) {
        const any = await s.users.countUsers()
        process.stdout.write(`演示模式：数据库已有数据（${any} 个账号），未重新载入。演示账号密码为 ${DEMO_PASSWORD}\n`)
      }
      await s.imports.resumePending((m) => process.stdout.write(`${m}\n`))
      // The job runner (exports from the task centre) and the scheduled work as singleton jobs: 12315 escalation, alert evaluation, audit checkpoints (app.ts).
      const stopSchedules = startSchedules(s)
      const app = await buildApp(s)
      const close = async () => {
        await stopSchedules()
        await s.imports.stop()
        await app.close()
        await s.handle.close()
        process.exit(0)
      }
      process.once('SIGINT', () => void close())
      process.once('SIGTERM', () => void close())
      const address = await app.listen({ port: config.http.port, host: listenHost(config, { demo: !!opts.demo }) })
      process.stdout.write(`监管平台已启动：${address.replace('0.0.0.0', 'localhost')}（数据库：${s.handle.dialect}）\n`)
    })

  program
    .command('migrate')
    .description('执行数据库迁移')
    .action(async () => {
      const config = loadConfig({ LOG_LEVEL: 'silent', ...process.env })
      const s = await openPlatform(config, { migrate: true })
      await s.handle.close()
      process.stdout.write('数据库已迁移到最新版本\n')
    })

  program
    .command('init')
    .description('初始化：建立顶层机构与第一个系统管理员，打印一次性密码')
    .option('--username <name>', '管理员用户名', 'admin')
    .option('--display-name <name>', '管理员姓名', '系统管理员')
    .option('--unit-name <name>', '顶层机构名称', '市场监督管理局')
    .option('--unit-code <code>', '顶层机构编码', 'ROOT')
    .addOption(new Option('--unit-kind <kind>', '顶层机构类型').choices(['province_bureau', 'city_bureau', 'district_bureau']).default('city_bureau'))
    .option('--division <code>', '顶层机构的行政区划代码（GB/T 2260）')
    .action(async (opts: { username: string; displayName: string; unitName: string; unitCode: string; unitKind: 'city_bureau'; division?: string }) =>
      withPlatform(async (s) => {
        if ((await s.users.countUsers()) > 0) throw new AppError('CONFLICT', '平台已初始化（已有账号），init 只能在空库上执行')
        const ctx = systemCtx('init')
        const unit = await s.org.createUnit(ctx, {
          parentId: null,
          code: opts.unitCode,
          name: opts.unitName,
          kind: opts.unitKind,
          divisionCodes: opts.division ? [opts.division] : [],
        })
        const password = generatePassword()
        await s.deps.db.transaction().execute(async (trx) => {
          const id = await s.users.createUserAsSystem(trx, {
            username: opts.username,
            displayName: opts.displayName,
            password,
            unitId: unit.id,
            grants: [{ role: 'sys_admin', unitId: unit.id, scope: 'all' }],
            mustChangePassword: true,
          })
          await s.audit.record(trx, ctx, {
            action: 'user.create',
            targetType: 'user',
            targetId: id,
            targetLabel: opts.username,
            unitId: unit.id,
            after: { username: opts.username, role: 'sys_admin', init: true },
          })
        })
        process.stdout.write(
          `已建立机构：${unit.name}\n管理员用户名：${opts.username}\n一次性密码：${password}\n（首次登录后必须修改密码；此密码不会再次显示）\n`,
        )
      }),
    )

  program
    .command('demo')
    .description('在空库中载入演示城市、演示账号与演示经营主体')
    .option('--entities <n>', '演示经营主体户数（基准测试可用数百万）', '50000')
    .action(async (opts: { entities: string }) =>
      withPlatform(async (s) => {
        if ((await s.org.count()) > 0) throw new AppError('CONFLICT', '数据库中已有机构，演示数据只能载入空库')
        const users = await loadDemoCity(s, (l) => process.stdout.write(`${l}\n`))
        const n = Number(opts.entities)
        if (!Number.isInteger(n) || n < 0 || n > 20_000_000) throw new AppError('VALIDATION', '演示经营主体户数应为 0–20000000 的整数')
        if (n > 0) await loadDemoEntities(s, n, (l) => process.stdout.write(`${l}\n`))
        await loadDemoInspections(s, (l) => process.stdout.write(`${l}\n`))
        await loadDemoSampling(s, (l) => process.stdout.write(`${l}\n`))
        await loadDemoComplaints(s, (l) => process.stdout.write(`${l}\n`))
        await loadComplaintsHistory(s, { log: (l) => process.stdout.write(`${l}\n`) })
        await loadDemoCases(s, (l) => process.stdout.write(`${l}\n`))
        await loadDemoCaseHistory(s, (l) => process.stdout.write(`${l}\n`))
        process.stdout.write(`演示账号（密码 ${DEMO_PASSWORD}）：${users.map((u) => u.username).join('、')}\n`)
      }),
    )

  const cal = program.command('calendar').description('法定工作日历')
  cal
    .command('add-working-days <date> <n>')
    .description('起算日（不计入）后第 n 个工作日')
    .option('--provisional', '年度安排未载入时按周末临时推算并警告，而不是报错')
    .action(async (date: string, n: string, opts: { provisional?: boolean }) =>
      withPlatform(async (s) => {
        if (!/^\d+$/.test(n)) throw new AppError('VALIDATION', `工作日数应为非负整数：“${n}”`)
        const r = await s.calendar.addWorkingDays(date, Number(n))
        checkProvisional(r, !!opts.provisional)
        process.stdout.write(`${r.date}\n`)
      }),
    )
  cal
    .command('working-days <from> <to>')
    .description('闭区间内的每个工作日，每行一个')
    .option('--provisional', '年度安排未载入时按周末临时推算并警告')
    .action(async (from: string, to: string, opts: { provisional?: boolean }) =>
      withPlatform(async (s) => {
        const cal = await s.calendar.calendar()
        const days = await s.calendar.workingDays(from, to)
        const missing: number[] = []
        for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!cal.years.has(y)) missing.push(y)
        checkProvisional({ provisional: missing.length > 0, missingYears: missing }, !!opts.provisional)
        if (days.length > 0) process.stdout.write(`${days.join('\n')}\n`)
      }),
    )
  cal
    .command('is-working-day <date>')
    .description('打印 true 或 false')
    .option('--provisional', '年度安排未载入时按周末临时判断并警告')
    .action(async (date: string, opts: { provisional?: boolean }) =>
      withPlatform(async (s) => {
        const r = await s.calendar.isWorkingDay(date)
        checkProvisional({ provisional: !r.loaded, missingYears: r.loaded ? [] : [Number(date.slice(0, 4))] }, !!opts.provisional)
        process.stdout.write(`${r.working}\n`)
      }),
    )
  cal
    .command('import <file>')
    .description('导入一年的节假日安排：holiday-cn 格式 JSON，或 .xlsx（列：日期、类型 休/班、名称，需 --year）')
    .option('--year <year>', '年份（xlsx 必填）')
    .option('--notice <text>', '依据的国务院办公厅通知文号')
    .action(async (file: string, opts: { year?: string; notice?: string }) =>
      withPlatform(async (s) => {
        const buf = readFileSync(file)
        const input = file.endsWith('.xlsx')
          ? { format: 'xlsx' as const, year: Number(opts.year), contentBase64: buf.toString('base64'), notice: opts.notice }
          : { format: 'holiday-cn' as const, data: JSON.parse(buf.toString('utf8')) as unknown, notice: opts.notice }
        if (input.format === 'xlsx' && !Number.isInteger(input.year)) throw new AppError('VALIDATION', '导入 xlsx 时须用 --year 指定年份')
        const r = await s.calendar.importYear(systemCtx('cli'), input)
        process.stdout.write(`已导入 ${r.year} 年节假日安排，共 ${r.days} 天\n`)
      }),
    )

  const rules = program.command('rules').description('期限规则库（法定期限）')
  rules
    .command('deadline <ruleId> <start>')
    .description('按起算日（不计入）当日有效的规则版本计算期限：第一行打印到期日 YYYY-MM-DD，其后为计算依据')
    .option(
      '--pause <from:to>',
      '中止期间（首尾两日均中止，可重复；“FROM:”表示尚未结束，需 --as-of）',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--extend <n>', '经批准的延长次数', '0')
    .option('--as-of <date>', '计算基准日（尚未结束的中止期间计至该日）')
    .option('--provisional', '年度节假日安排未载入时按周末临时推算并警告，而不是报错')
    .action(async (ruleId: string, start: string, opts: { pause: string[]; extend: string; asOf?: string; provisional?: boolean }) =>
      withPlatform(async (s) => {
        if (!/^\d+$/.test(opts.extend)) throw new AppError('VALIDATION', `延长次数应为非负整数：“${opts.extend}”`)
        const pauses = opts.pause.map((p, i) => {
          const m = /^([^:]+):([^:]*)$/.exec(p)
          if (!m) throw new AppError('VALIDATION', `第 ${i + 1} 个中止期间格式应为 FROM:TO（如 2026-05-06:2026-05-12）：“${p}”`)
          return { from: m[1]!, to: m[2] ? m[2] : null, reason: '命令行指定' }
        })
        const { rule, deadline: d } = await s.rules.deadline(ruleId, start, { extensions: Number(opts.extend), pauses, asOf: opts.asOf })
        checkProvisional(d, !!opts.provisional)
        const unit = RULE_UNIT_LABEL[rule.unit] ?? rule.unit
        const lines = [
          d.date,
          `规则：${rule.ruleId} 第 ${rule.version} 版（${rule.validFrom}～${rule.validTo ?? '长期'}）${rule.name}`,
          `依据：${printableLegalBasis(rule.legalBasis)}`,
          `期限：${rule.length} ${unit}（${rule.unit}），自 ${start} 起算，当日不计入`,
          `未延长、未中止的到期日：${d.baseDate}`,
        ]
        if (Number(opts.extend) > 0 && rule.extension) {
          lines.push(
            `延长：${opts.extend} 次，每次 ${rule.extension.length} ${RULE_UNIT_LABEL[rule.extension.unit] ?? rule.extension.unit}（${rule.extension.approval}），延长后到期日 ${d.extendedDate}`,
          )
        }
        if (pauses.length > 0) {
          lines.push(`中止：计入 ${d.pausedDays} ${rule.unit === 'WD' ? '个工作日' : '日'}${d.pauseOpen ? `（中止尚未结束，计至 ${opts.asOf}）` : ''}`)
        }
        if (d.provisional) lines.push(`临时结果：${d.missingYears.join('、')} 年的节假日安排尚未载入，仅按周末推算`)
        process.stdout.write(`${lines.join('\n')}\n`)
      }),
    )
  rules
    .command('list')
    .description('每条规则一行：规则编号、单位、长度、法律依据（制表符分隔；取 --as-of 当日有效的版本，默认今天）')
    .option('--as-of <date>', '按该日有效的版本列出')
    .option('--all-versions', '列出每个版本')
    .action(async (opts: { asOf?: string; allVersions?: boolean }) =>
      withPlatform(async (s) => {
        const all = await s.rules.versions()
        const at = opts.asOf ?? beijingDate(new Date())
        if (opts.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new AppError('VALIDATION', `日期格式应为 YYYY-MM-DD：“${opts.asOf}”`)
        const ids = [...new Set(all.map((v) => v.ruleId))].sort()
        const rows = opts.allVersions
          ? all
          : ids.map((id) => {
              const mine = all.filter((v) => v.ruleId === id)
              return mine.find((v) => v.validFrom <= at && (v.validTo === null || at <= v.validTo)) ?? mine[mine.length - 1]!
            })
        const out = rows.map((v) =>
          [v.ruleId, v.unit, String(v.length), printableLegalBasis(v.legalBasis), `第 ${v.version} 版 ${v.validFrom}～${v.validTo ?? '长期'}`, v.name].join(
            '\t',
          ),
        )
        process.stdout.write(`${out.join('\n')}\n`)
      }),
    )

  registerEntityCommands(program, { withPlatform, writeDemoEntitiesCsv, writeSampleImportXlsx })

  const draw = program.command('draw').description('双随机抽取记录')
  draw
    .command('verify <drawIdOrNo>')
    .description('按存储的记录重算抽取（名录快照、参数、承诺、种子、抽取名单与人员分派），一致时退出码 0，不一致时 1')
    .action(async (ref: string) =>
      withPlatform(async (s) => {
        const v = await s.inspections.draws.verifyAsSystem(ref)
        process.stdout.write(
          `抽取记录 ${v.drawNo}（任务 ${v.taskNo} ${v.taskName}）\n算法 ${v.algorithm}；名录 ${v.poolSize} 户，哈希 ${v.poolHash}\n参数哈希 ${v.paramsHash}；承诺值 ${v.commitmentHash}\n抽取时刻值 ${v.drawTimeValue}；种子 ${v.seed}\n抽中 ${v.drawnCount} 户（${v.status === 'failed' ? '记录为抽取失败' : '抽取成功'}）\n`,
        )
        if (v.ok) process.stdout.write('核验结果：一致\n')
        else {
          process.stdout.write(`核验结果：不一致\n${v.problems.map((p) => `  - ${p}`).join('\n')}\n`)
          process.exitCode = 1
        }
      }),
    )

  const complaints = program.command('complaints').description('12315 投诉举报')
  complaints
    .command('escalate')
    .description('超期未办结的诉求件升级至上级单位督办（可重复执行，不会重复升级）')
    .action(async () =>
      withPlatform(async (s) => {
        const r = await s.complaints.escalateOverdue()
        process.stdout.write(`${r.day}：核对超期件 ${r.refreshed} 件，升级 ${r.escalated} 件\n`)
      }),
    )

  const audit = program.command('audit').description('审计留痕')
  audit
    .command('verify')
    .description('校验审计哈希链，报告第一条不符的记录')
    .action(async () =>
      withPlatform(async (s) => {
        const r = await s.audit.verify()
        const anchored = r.lastCheckpoint
          ? `；已对照 ${r.checkpoints} 个签名检查点（最后一个为第 ${r.lastCheckpoint.seq} 条，${formatBeijing(r.lastCheckpoint.at)}）`
          : '；检查点文件中尚无检查点（可运行 jianguan audit checkpoint）'
        if (r.ok) {
          process.stdout.write(`审计链完整：共 ${r.checked} 条记录，末条哈希 ${r.lastHash}${anchored}\n`)
        } else {
          process.stdout.write(
            `审计链校验失败：已核对 ${r.checked} 条；${r.firstBadSeq === null ? '检查点文件无效' : `第一条不符的记录为第 ${r.firstBadSeq} 条`}\n${r.problem}\n`,
          )
          process.exitCode = 4
        }
      }),
    )
  audit
    .command('checkpoint')
    .description('把审计链当前链头写成签名检查点，追加到库外检查点文件（AUDIT_ANCHOR_FILE）')
    .action(async () =>
      withPlatform(async (s) => {
        const r = await s.audit.checkpoint()
        process.stdout.write(
          r.written
            ? `已写入检查点：第 ${r.seq} 条，哈希 ${r.hash}（${s.audit.anchorFile}）\n`
            : `链头未变（第 ${r.seq} 条，${formatBeijing(r.at)} 已有检查点），未重复写入\n`,
        )
      }),
    )
  return program
}

export async function main(argv = process.argv): Promise<void> {
  try {
    await buildCli().parseAsync(argv)
  } catch (e) {
    fail(e)
  }
}
