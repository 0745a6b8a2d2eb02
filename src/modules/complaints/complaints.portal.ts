import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { systemCtx, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import { constraintKind } from '../../core/db/dialect'
import type { CoreDeps } from '../../core/deps'
import { AppError, notFound, validation } from '../../core/errors'
import { newId, sha256Hex } from '../../core/ids'
import type { AuditService } from '../audit'
import { FINAL_STATES, ITEM_TYPE_LABEL, OUTCOME_LABEL, STATE_LABEL, type ItemType, type State } from './complaints.domain'
import { createComplaintsRepo } from './complaints.repo'
import type { PortalSubmit } from './complaints.schema'
import type { ComplaintsService } from './complaints.service'

const SECRET_KEY = 'complaints.portal_secret'
const CHALLENGE_TTL_MS = 10 * 60_000
/** Proof-of-work difficulty (leading zero bits): about 65,000 hashes, under a second in a phone browser. */
export const PORTAL_DIFFICULTY = 16
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Leading zero bits of sha256(`${token}:${nonce}`). */
export function powBits(token: string, nonce: string): number {
  const h = createHash('sha256').update(`${token}:${nonce}`).digest()
  let bits = 0
  for (const byte of h) {
    if (byte === 0) {
      bits += 8
      continue
    }
    bits += Math.clz32(byte) - 24
    break
  }
  return bits
}

/** Finds a nonce for a challenge (what the portal page does in the browser). */
export function solveChallenge(token: string, difficulty: number): string {
  for (let n = 0; ; n++) if (powBits(token, String(n)) >= difficulty) return String(n)
}

/**
 * The public portal (no account): submission guarded by a server-signed proof-of-work challenge,
 * a honeypot field, one-time challenge use and per-IP rate limits (in the routes); tracking and
 * rating by item number plus a query code whose hash alone is stored.
 */
export function createPortalService({ db, clock, audit, complaints }: Pick<CoreDeps, 'db' | 'clock'> & { audit: AuditService; complaints: ComplaintsService }) {
  const repo = createComplaintsRepo()
  let secret: Buffer | null = null

  async function key(): Promise<Buffer> {
    if (secret) return secret
    const row = await db.selectFrom('appSetting').select('value').where('key', '=', SECRET_KEY).executeTakeFirst()
    if (row) return (secret = Buffer.from(row.value, 'base64'))
    const fresh = randomBytes(32).toString('base64')
    await db.insertInto('appSetting').values({ key: SECRET_KEY, value: fresh, updatedAt: clock.now().toISOString() }).onConflict((oc) => oc.column('key').doNothing()).execute()
    const again = await db.selectFrom('appSetting').select('value').where('key', '=', SECRET_KEY).executeTakeFirstOrThrow()
    return (secret = Buffer.from(again.value, 'base64'))
  }
  const sign = (k: Buffer, payload: string) => createHmac('sha256', k).update(payload).digest('base64url')

  async function challenge() {
    const expiresAt = new Date(clock.now().getTime() + CHALLENGE_TTL_MS).toISOString()
    const payload = Buffer.from(JSON.stringify({ n: randomBytes(12).toString('base64url'), e: expiresAt, d: PORTAL_DIFFICULTY })).toString('base64url')
    return { token: `${payload}.${sign(await key(), payload)}`, difficulty: PORTAL_DIFFICULTY, expiresAt }
  }

  const rejected = (message = '提交校验未通过，请刷新页面后重试') => new AppError('VALIDATION', message)

  async function verifyChallenge(token: string, nonce: string): Promise<{ n: string; e: string }> {
    const [payload, mac] = token.split('.')
    if (!payload || !mac) throw rejected()
    const expected = Buffer.from(sign(await key(), payload))
    const got = Buffer.from(mac)
    if (expected.length !== got.length || !timingSafeEqual(expected, got)) throw rejected()
    let p: { n: string; e: string; d: number }
    try {
      p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { n: string; e: string; d: number }
    } catch {
      throw rejected()
    }
    if (typeof p.e !== 'string' || p.e < clock.now().toISOString()) throw rejected('校验已过期，请刷新页面后重新提交')
    if (powBits(token, nonce) < (p.d ?? PORTAL_DIFFICULTY)) throw rejected()
    return p
  }

  function newQueryCode(): string {
    let s = ''
    for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
    return s
  }
  const codeHash = (itemNo: string, code: string) => sha256Hex(`jg-query:${itemNo}:${code.trim().toUpperCase()}`)

  /** The intake unit of the portal: the 12315 centre (a unit whose name mentions 12315), else the root bureau. */
  async function portalUnit(): Promise<string> {
    const c = await db.selectFrom('orgUnit').select('id').where('name', 'like', '%12315%').where('active', '=', 1).orderBy('depth').orderBy('sortOrder').limit(1).executeTakeFirst()
    if (c) return c.id
    const root = await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).orderBy('sortOrder').limit(1).executeTakeFirst()
    if (!root) throw new AppError('INTERNAL', '平台尚未建立机构，暂不能受理网上诉求')
    return root.id
  }

  async function submit(input: PortalSubmit, ip: string | null) {
    // Honeypot: a field hidden from people; bots fill every input.
    if (input.website && input.website.trim() !== '') throw rejected()
    const ch = await verifyChallenge(input.challenge, input.nonce)
    if (input.type === 'complaint' && (!input.name || !input.phone || !input.address)) throw validation('投诉须填写姓名、联系电话和通讯地址（《市场监督管理投诉举报处理暂行办法》第九条）')
    if (input.type === 'complaint' && !input.respondentAddress) throw validation('投诉须填写被投诉人地址')
    if (input.type === 'report' && !input.anonymous && (!input.name || !input.phone)) throw validation('实名举报须填写姓名和联系电话；不愿透露身份的请选择匿名举报')
    if (input.anonymous && input.type === 'complaint') throw validation('投诉不能匿名')
    const ctx: Ctx = { ...systemCtx('portal'), ip, actor: { ...systemCtx().actor, displayName: '公众（网上提交）' } }
    const resp = await complaints.resolveRespondent(ctx, { entityId: input.respondentEntityId, name: input.respondentName, address: input.respondentAddress, uscc: input.respondentUscc, division: input.respondentDivision, kind: 'offline' })
    const unitId = await portalUnit()
    const code = newQueryCode()
    const persons = input.anonymous ? [] : input.name ? [{ name: input.name, phone: input.phone, address: input.address, isRepresentative: false }] : []
    const now = clock.now()
    const env = await complaints.clockEnv()
    const itemNo = await db.transaction().execute(async (trx) => {
      try {
        await trx.insertInto('complaintPortalNonce').values({ nonce: ch.n, expiresAt: ch.e, usedAt: now.toISOString() }).execute()
      } catch (e) {
        if (constraintKind(e) === 'unique') throw rejected('该校验已使用，请刷新页面后重新提交')
        throw e
      }
      await trx.deleteFrom('complaintPortalNonce').where('expiresAt', '<', now.toISOString()).execute()
      const [id] = await complaints.createItems(trx, ctx, {
        types: [input.type], channel: 'web', category: input.category, summary: input.summary, request: input.request, facts: input.facts, persons, anonymous: input.anonymous,
      } as Parameters<ComplaintsService['createItems']>[2], resp, now, { channel: 'web', intakeUnitId: unitId, createdBy: null, env })
      const row = (await repo.findById(trx, id!))!
      await trx.updateTable('complaintItem').set({ queryCodeHash: codeHash(row.itemNo, code) }).where('id', '=', row.id).execute()
      return row.itemNo
    })
    return { itemNo, queryCode: code }
  }

  async function findByCode(itemNo: string, code: string) {
    const row = await repo.findByNo(db, itemNo.trim().toUpperCase())
    // One answer for "no such item" and "wrong code": numbers cannot be probed.
    const fail = () => notFound('诉求编号或查询码', itemNo.trim().slice(0, 30))
    if (!row || !row.queryCodeHash) throw fail()
    const a = Buffer.from(row.queryCodeHash)
    const b = Buffer.from(codeHash(row.itemNo, code))
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw fail()
    return row
  }

  async function track(itemNo: string, code: string) {
    const row = await findByCode(itemNo, code)
    // Follow a merged item to the item that is handled.
    const shown = row.mergedIntoId ? ((await repo.findById(db, row.mergedIntoId)) ?? row) : row
    const events = await db.selectFrom('complaintEvent').select(['at', 'publicText']).where('itemId', '=', row.id).where('public', '=', 1).orderBy('seq').execute()
    const extra = shown.id !== row.id ? await db.selectFrom('complaintEvent').select(['at', 'publicText']).where('itemId', '=', shown.id).where('public', '=', 1).where('at', '>', row.receivedAt).orderBy('seq').execute() : []
    const unit = await db.selectFrom('orgUnit').select('name').where('id', '=', shown.handlingUnitId).executeTakeFirst()
    const closed = (FINAL_STATES as readonly string[]).includes(shown.state)
    const complaintOutcome = shown.type === 'complaint' ? shown.outcome : null
    return {
      itemNo: row.itemNo, typeLabel: ITEM_TYPE_LABEL[row.type as ItemType], receivedOn: row.receivedOn, stateLabel: STATE_LABEL[shown.state as State] ?? shown.state,
      unitName: unit?.name ?? null, closed,
      // A report's outcome beyond "handled" is the reporter's only through the formal notice (Art 31).
      outcomeLabel: shown.type === 'report' ? (closed ? '已处理' : null) : shown.outcome ? OUTCOME_LABEL[shown.outcome as keyof typeof OUTCOME_LABEL] ?? null : null,
      recoveredFen: complaintOutcome && Number(shown.recoveredFen) > 0 ? Number(shown.recoveredFen) : null,
      canRate: row.state === 'closed' && row.satisfaction === null, satisfaction: row.satisfaction,
      timeline: [...events, ...extra].filter((e) => e.publicText).map((e) => ({ at: e.at, text: e.publicText! })),
    }
  }

  async function rate(itemNo: string, code: string, satisfaction: number, comment: string | undefined, ip: string | null) {
    const row = await findByCode(itemNo, code)
    if (row.state !== 'closed') throw new AppError('ILLEGAL_TRANSITION', '办结后才能评价')
    const now = clock.now().toISOString()
    await db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('complaintItem').set({ satisfaction, satisfactionAt: now, satisfactionComment: comment ?? null, updatedAt: now }).where('id', '=', row.id).where('satisfaction', 'is', null).executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '已评价过，不能重复评价')
      await repo.appendEvent(trx, { itemId: row.id, at: now, eventOn: chinaDate(clock.now()), kind: 'rated', unitId: row.handlingUnitId, actorName: '投诉人', public: 1, publicText: '您已评价', note: comment ?? null, dataJson: JSON.stringify({ satisfaction }) })
      await audit.record(trx, { ...systemCtx('portal'), ip }, { action: 'complaint.rate', targetType: 'complaint_item', targetId: row.id, targetLabel: row.itemNo, unitId: row.handlingUnitId, after: { satisfaction, comment: comment ?? null } })
    })
    return track(itemNo, code)
  }

  return { challenge, submit, track, rate, newId }
}
export type PortalService = ReturnType<typeof createPortalService>
