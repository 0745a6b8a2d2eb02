/**
 * The raw ceiling: plain Fastify 5, logger off, one GET route returning {ok:true}: no plugins, no
 * hooks, no database. Everything the platform adds to a request shows up as the gap between this
 * and GET /api/ping. Prints `BENCH_READY {"port":…}`; exits on SIGTERM/SIGINT or when stdin closes.
 *
 *   node --import tsx bench/ceiling.ts
 */
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/ping', async () => ({ ok: true }))

let closing = false
async function shutdown() {
  if (closing) return
  closing = true
  try {
    await app.close()
  } finally {
    process.exit(0)
  }
}
process.once('SIGTERM', () => void shutdown())
process.once('SIGINT', () => void shutdown())
process.stdin.on('end', () => void shutdown())
process.stdin.on('error', () => void shutdown())
process.stdin.resume()

await app.listen({ port: 0, host: '127.0.0.1' })
const addr = app.server.address()
process.stdout.write(`BENCH_READY ${JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 })}\n`)
