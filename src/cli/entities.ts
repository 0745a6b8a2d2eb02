import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import type { Services } from '../app'
import { systemCtx } from '../core/actor'
import { AppError } from '../core/errors'
import { checkUscc } from '../modules/entities'

interface Helpers {
  withPlatform<T>(fn: (s: Services) => Promise<T>): Promise<T>
  writeDemoEntitiesCsv(path: string, count: number): Promise<void>
  writeSampleImportXlsx(path: string): Promise<{ rows: number; errors: number }>
}

async function readStdinLines(): Promise<string[]> {
  const out: string[] = []
  const rl = createInterface({ input: process.stdin })
  for await (const line of rl) if (line.trim()) out.push(line.trim())
  return out
}

/** `jianguan uscc …` and `jianguan entities …`. */
export function registerEntityCommands(program: Command, h: Helpers): void {
  program
    .command('uscc')
    .description('统一社会信用代码')
    .command('validate [codes...]')
    .description('逐个校验代码（无参数时从标准输入每行读一个）；全部有效时退出码为 0')
    .action(async (codes: string[]) => {
      const list = codes.length > 0 ? codes : await readStdinLines()
      let bad = 0
      for (const c of list) {
        const r = checkUscc(c)
        if (r.valid) process.stdout.write(`${r.code}\tvalid${r.warnings.length > 0 ? `\t${r.warnings.join('；')}` : ''}\n`)
        else {
          bad++
          process.stdout.write(`${c.trim()}\tinvalid\t${r.reason}\n`)
        }
      }
      if (bad > 0 || list.length === 0) process.exitCode = 1
    })

  const ent = program.command('entities').description('经营主体名录')
  ent
    .command('import <file>')
    .description('导入 CSV / XLSX（按统一社会信用代码更新或新增）；有错误行时默认全部不导入')
    .option('--valid-only', '有错误行时仅导入正确的行')
    .option('--report <path>', '错误报告保存位置（.xlsx）')
    .action(async (file: string, opts: { validOnly?: boolean; report?: string }) =>
      h.withPlatform(async (s) => {
        const ctx = systemCtx('cli')
        const started = Date.now()
        const job = await s.imports.createJob(ctx, { fileName: file.split('/').pop() ?? file, filePath: resolve(file) })
        const writeReport = async (jobId: string, errorRows: number) => {
          if (errorRows === 0) return
          const report = opts.report ?? `${file}.错误报告.xlsx`
          const out = createWriteStream(report)
          // The workbook writer ends the stream itself; listen before it can finish.
          const finished = once(out, 'finish')
          await s.imports.writeErrorReport(null, jobId, out)
          await finished
          process.stdout.write(`错误报告：${report}\n`)
        }
        const summary = (done: { insertedRows: number; updatedRows: number; processedRows: number; totalRows: number }) => {
          const secs = (Date.now() - started) / 1000
          process.stdout.write(
            `导入完成：新增 ${done.insertedRows}，更新 ${done.updatedRows}，未变 ${done.processedRows - done.insertedRows - done.updatedRows}，用时 ${secs.toFixed(1)} 秒（${Math.round(done.totalRows / secs)} 行/秒）\n`,
          )
        }
        if (opts.validOnly) {
          // The choice is made up front: validate and import the valid rows in one pass.
          const bar = new cliProgress.SingleBar({ format: '校验并导入 |{bar}| 已写入 {value} 行', hideCursor: true }, cliProgress.Presets.shades_classic)
          bar.start(0, 0)
          const done = await s.imports.importValidInOnePass(ctx, job.id, {
            wait: true,
            onProgress: (p) => {
              bar.setTotal(p.processedRows + 1)
              bar.update(p.processedRows)
            },
          })
          bar.setTotal(done.processedRows)
          bar.update(done.processedRows)
          bar.stop()
          process.stdout.write(`共 ${done.totalRows} 行，正确 ${done.validRows} 行，错误 ${done.errorRows} 行（错误行未导入）\n`)
          await writeReport(done.id, done.errorRows)
          summary(done)
          return
        }
        const bar = new cliProgress.SingleBar({ format: '{phase} |{bar}| {value}/{total} 行', hideCursor: true }, cliProgress.Presets.shades_classic)
        bar.start(0, 0, { phase: '校验' })
        const v = await s.imports.validate(job.id, (p) => {
          bar.setTotal(Math.max(p.processedRows, 1))
          bar.update(p.processedRows, { phase: '校验' })
        })
        bar.setTotal(v.totalRows)
        bar.update(v.totalRows)
        bar.stop()
        process.stdout.write(`校验完成：共 ${v.totalRows} 行，正确 ${v.validRows} 行，错误 ${v.errorRows} 行\n`)
        if (v.errorRows > 0) {
          await writeReport(v.id, v.errorRows)
          await s.imports.cancel(ctx, v.id)
          throw new AppError('VALIDATION', `文件有 ${v.errorRows} 行错误，未导入任何数据（修正后重试，或加 --valid-only 仅导入正确的行）`)
        }
        const bar2 = new cliProgress.SingleBar({ format: '导入 |{bar}| {value}/{total} 行', hideCursor: true }, cliProgress.Presets.shades_classic)
        bar2.start(v.validRows, 0)
        const done = await s.imports.commit(ctx, v.id, 'all', { wait: true, onProgress: (p) => bar2.update(p.processedRows) })
        bar2.update(v.validRows)
        bar2.stop()
        summary(done)
      }),
    )
  ent
    .command('generate <out>')
    .description('生成演示用经营主体 CSV（确定性）')
    .option('--count <n>', '行数', '50000')
    .action(async (out: string, opts: { count: string }) => {
      const n = Number(opts.count)
      if (!Number.isInteger(n) || n < 1 || n > 50_000_000) throw new AppError('VALIDATION', '行数应为 1–50000000 的整数')
      await h.writeDemoEntitiesCsv(out, n)
      process.stdout.write(`已生成 ${n} 行：${out}\n`)
    })
  ent
    .command('sample <out>')
    .description('生成带若干错误行的示例导入文件（.xlsx）')
    .action(async (out: string) => {
      const r = await h.writeSampleImportXlsx(out)
      process.stdout.write(`已生成示例导入文件 ${out}：${r.rows} 行，其中 ${r.errors} 行有意设置了错误\n`)
    })
}
