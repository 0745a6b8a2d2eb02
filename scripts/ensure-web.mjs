#!/usr/bin/env node
// Builds the web client (web/dist) when it is missing or older than its sources:
// anything under web/src, web/public, web/index.html, web/vite.config.ts, web/tsconfig.json or src/shared.
// Otherwise does nothing. Plain Node ESM, no dependencies.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const web = join(root, 'web')
const built = join(web, 'dist', 'index.html')

/** Newest modification time (ms) of a file, or of every file under a directory. */
function newest(path) {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let max = 0
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)))
  return max
}

const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json'].map((p) => join(web, p))
// The web compiles src/shared too (vocabulary, schemas, the modules' pages and menu entries).
sources.push(join(root, 'src', 'shared'))
const sourceTime = Math.max(...sources.map(newest))
const builtTime = existsSync(built) ? statSync(built).mtimeMs : 0

if (builtTime > 0 && builtTime >= sourceTime && process.argv[2] !== '--force') {
  process.exit(0)
}

console.log(builtTime ? '前端源码有更新，正在重新构建 web/dist …' : '未找到 web/dist，正在构建前端 …')
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
// Always a production build, even when called from a test runner that sets NODE_ENV=test.
const r = spawnSync(npx, ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
if (r.error) {
  console.error(`无法运行 vite：${r.error.message}`)
  process.exit(1)
}
process.exit(r.status ?? 1)
