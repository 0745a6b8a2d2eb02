import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { systemCtx, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import { constraintKind } from '../../core/db/dialect'
import type { CoreDeps } from '../../core/deps'
import { AppError, notFound, validation } from '../../core/errors'
import { newId, sha256Hex } from '../../core/ids'
import type { AuditService } from '../audit'
import { FINAL_STATES, ITEM_TYPE_LABEL, OUTCOME_LABEL, type ItemType, type Outcome, type State } from './complaints.domain'
import { createComplaintsRepo } from './complaints.repo'
import type { PortalSubmit } from './complaints.schema'
import type { ComplaintsService } from './complaints.service'
import { citizenNextStep, citizenOutcome, citizenState } from './complaints.citizen'
import { DOCUMENT_KINDS, PORTAL_ATTACHMENTS, type DocumentKind, type DocumentsService } from './complaints.documents'
import { phoneHash } from './complaints.repo'

const SECRET_KEY = 'complaints.portal_secret'
const CHALLENGE_TTL_MS = 10 * 60_000
/** Proof-of-work difficulty (leading zero bits): about 65,000 hashes, under a second in a phone browser. */
export const PORTAL_DIFFICULTY = 16
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
/** Query-code recoveries allowed per item number a day, and per client address an hour. */
export const RECOVER_PER_ITEM = 5
export const RECOVER_PER_CLIENT = 10

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
export function createPortalService({
  db,
  clock,
  audit,
  complaints,
  documents,
}: Pick<CoreDeps, 'db' | 'clock'> & {
  audit: AuditService
  complaints: ComplaintsService
  documents: Pick<DocumentsService, 'servedKinds' | 'publicDocument' | 'storeFile' | 'recordAttachment'>
}) {
  const repo = createComplaintsRepo()
  let secret: Buffer | null = null

  async function key(): Promise<Buffer> {
    if (secret) return secret
    const row = await db.selectFrom('appSetting').select('value').where('key', '=', SECRET_KEY).executeTakeFirst()
    if (row) return (secret = Buffer.from(row.value, 'base64'))
    const fresh = randomBytes(32).toString('base64')
    await db
      .insertInto('appSetting')
      .values({ key: SECRET_KEY, value: fresh, updatedAt: clock.now().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
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
    const c = await db
      .selectFrom('orgUnit')
      .select('id')
      .where('name', 'like', '%12315%')
      .where('active', '=', 1)
      .orderBy('depth')
      .orderBy('sortOrder')
      .limit(1)
      .executeTakeFirst()
    if (c) return c.id
    const root = await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).orderBy('sortOrder').limit(1).executeTakeFirst()
    if (!root) throw new AppError('INTERNAL', '平台尚未建立机构，暂不能受理网上诉求')
    return root.id
  }

  async function submit(input: PortalSubmit, ip: string | null) {
    // Honeypot: a field hidden from people; bots fill every input.
    if (input.website && input.website.trim() !== '') throw rejected()
    const ch = await verifyChallenge(input.challenge, input.nonce)
    if (input.type === 'complaint' && (!input.name || !input.phone || !input.address))
      throw validation('投诉须填写姓名、联系电话和通讯地址（《市场监督管理投诉举报处理暂行办法》第九条）')
    if (input.type === 'complaint' && !input.respondentAddress) throw validation('投诉须填写被投诉人地址')
    if (input.type === 'report' && !input.anonymous && (!input.name || !input.phone))
      throw validation('实名举报须填写姓名和联系电话；不愿透露身份的请选择匿名举报')
    if (input.anonymous && input.type === 'complaint') throw validation('投诉不能匿名')
    if (input.type === 'consultation' && (input.anonymous || !input.name || !input.phone)) throw validation('咨询须填写姓名和联系电话，以便答复')
    if (input.type !== 'consultation' && !input.respondentName)
      throw validation(`请填写被${input.type === 'complaint' ? '投诉' : '举报'}人名称`, [{ path: 'respondentName', message: '请填写名称' }])
    if (input.purchasedOn && (input.purchasedOn > chinaDate(clock.now()) || input.purchasedOn < '2000-01-01'))
      throw validation('购买日期应在 2000 年以后且不晚于今天', [{ path: 'purchasedOn', message: '购买日期无效' }])
    const ctx: Ctx = { ...systemCtx('portal'), ip, actor: { ...systemCtx().actor, displayName: '公众（网上提交）' } }
    const resp =
      input.respondentName || input.respondentEntityId
        ? await complaints.resolveRespondent(ctx, {
            entityId: input.respondentEntityId,
            name: input.respondentName,
            address: input.respondentAddress,
            uscc: input.respondentUscc,
            division: input.respondentDivision,
            kind: 'offline',
          })
        : null
    // Photos and receipts: type from the bytes, bounded size, into the file store before the transaction.
    const stored: Array<Awaited<ReturnType<DocumentsService['storeFile']>>> = []
    for (const a of input.attachments) stored.push(await documents.storeFile(a.fileName, a.contentBase64, PORTAL_ATTACHMENTS))
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
      const [id] = await complaints.createItems(
        trx,
        ctx,
        {
          types: [input.type],
          channel: 'web',
          category: input.category,
          summary: input.summary,
          request: input.request,
          facts: input.facts,
          persons,
          anonymous: input.anonymous,
          amountClaimedFen: input.amountFen,
        },
        resp,
        now,
        { channel: 'web', intakeUnitId: unitId, createdBy: null, env },
      )
      const row = (await repo.findById(trx, id!))!
      await trx
        .updateTable('complaintItem')
        .set({ queryCodeHash: codeHash(row.itemNo, code), purchasedOn: input.purchasedOn ?? null })
        .where('id', '=', row.id)
        .execute()
      for (const f of stored) await documents.recordAttachment(trx, ctx, row, 'evidence', f)
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
    const events = await db
      .selectFrom('complaintEvent')
      .select(['at', 'publicText'])
      .where('itemId', '=', row.id)
      .where('public', '=', 1)
      .orderBy('seq')
      .execute()
    const extra =
      shown.id !== row.id
        ? await db
            .selectFrom('complaintEvent')
            .select(['at', 'publicText'])
            .where('itemId', '=', shown.id)
            .where('public', '=', 1)
            .where('at', '>', row.receivedAt)
            .orderBy('seq')
            .execute()
        : []
    const unit = await db.selectFrom('orgUnit').select('name').where('id', '=', shown.handlingUnitId).executeTakeFirst()
    const closed = (FINAL_STATES as readonly string[]).includes(shown.state)
    const complaintOutcome = shown.type === 'complaint' ? shown.outcome : null
    const recovered = complaintOutcome && Number(shown.recoveredFen) > 0 ? Number(shown.recoveredFen) : 0
    // A consultation's answer is the citizen's own outcome (the answer event of the item itself).
    const answer =
      row.type === 'consultation' && row.state === 'closed'
        ? await db
            .selectFrom('complaintEvent')
            .select('dataJson')
            .where('itemId', '=', row.id)
            .where('kind', '=', 'answer')
            .orderBy('seq', 'desc')
            .limit(1)
            .executeTakeFirst()
        : undefined
    return {
      itemNo: row.itemNo,
      typeLabel: ITEM_TYPE_LABEL[row.type as ItemType],
      receivedOn: row.receivedOn,
      stateLabel: citizenState(shown.type as ItemType, shown.state as State),
      nextStep: closed ? null : citizenNextStep(shown.nextDueKind, shown.nextDueOn),
      outcomeText: citizenOutcome(
        shown.type as ItemType,
        (shown.outcome as Outcome | null) ?? null,
        recovered,
        shown.mediationDoc === null ? null : shown.mediationDoc === 1,
      ),
      answerText: answer?.dataJson ? ((JSON.parse(answer.dataJson) as { answer?: string }).answer ?? null) : null,
      // Only this item's own served notices: never those of the item it was merged into.
      documents: documents.servedKinds(row).map((kind) => ({ kind, title: DOCUMENT_KINDS[kind] })),
      unitName: unit?.name ?? null,
      closed,
      // A report's outcome beyond "handled" is the reporter's only through the formal notice (Art 31).
      outcomeLabel:
        shown.type === 'report' ? (closed ? '已处理' : null) : shown.outcome ? (OUTCOME_LABEL[shown.outcome as keyof typeof OUTCOME_LABEL] ?? null) : null,
      recoveredFen: complaintOutcome && Number(shown.recoveredFen) > 0 ? Number(shown.recoveredFen) : null,
      canRate: row.state === 'closed' && row.satisfaction === null,
      satisfaction: row.satisfaction,
      timeline: [...events, ...extra].filter((e) => e.publicText).map((e) => ({ at: e.at, text: e.publicText! })),
    }
  }

  async function rate(itemNo: string, code: string, satisfaction: number, comment: string | undefined, ip: string | null) {
    const row = await findByCode(itemNo, code)
    if (row.state !== 'closed') throw new AppError('ILLEGAL_TRANSITION', '办结后才能评价')
    const now = clock.now().toISOString()
    await db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('complaintItem')
        .set({ satisfaction, satisfactionAt: now, satisfactionComment: comment ?? null, updatedAt: now })
        .where('id', '=', row.id)
        .where('satisfaction', 'is', null)
        .executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '已评价过，不能重复评价')
      await repo.appendEvent(trx, {
        itemId: row.id,
        at: now,
        eventOn: chinaDate(clock.now()),
        kind: 'rated',
        unitId: row.handlingUnitId,
        actorName: '投诉人',
        public: 1,
        publicText: '您已评价',
        note: comment ?? null,
        dataJson: JSON.stringify({ satisfaction }),
      })
      await audit.record(
        trx,
        { ...systemCtx('portal'), ip },
        {
          action: 'complaint.rate',
          targetType: 'complaint_item',
          targetId: row.id,
          targetLabel: row.itemNo,
          unitId: row.handlingUnitId,
          after: { satisfaction, comment: comment ?? null },
        },
      )
    })
    return track(itemNo, code)
  }

  /** A notice served on the complainant, for download from the tracking page (number + code). */
  async function document(itemNo: string, code: string, kind: DocumentKind, ip: string | null) {
    const row = await findByCode(itemNo, code)
    return { itemNo: row.itemNo, title: DOCUMENT_KINDS[kind], html: await documents.publicDocument(row, kind, ip) }
  }

  /**
   * Recovers a lost query code: item number + the phone number given at submission. The answer
   * has one shape and one status whether or not they match — a matching pair gets a new code (the
   * old one stops working), anything else gets a code of the same form that was never stored — so
   * the response alone never tells whether a number exists or whose phone it carries; the only
   * way to learn is to track with it, and every guess costs a recovery attempt. Attempts are
   * counted in the database per item number (RECOVER_PER_ITEM a day) and per client address
   * (RECOVER_PER_CLIENT an hour) across processes, before anything is looked up, so an unknown
   * number and a known one are limited alike.
   */
  async function recover(itemNo: string, phone: string, ip: string | null) {
    const no = itemNo.trim().toUpperCase()
    const now = clock.now()
    const itemKey = sha256Hex(`jg-recover-item:${no}`)
    const clientKey = sha256Hex(`jg-recover-ip:${ip ?? ''}`)
    const since = (ms: number) => new Date(now.getTime() - ms).toISOString()
    const count = async (col: 'itemKey' | 'clientKey', key: string, from: string) =>
      Number(
        (
          await db
            .selectFrom('complaintTrackRecovery')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(col, '=', key)
            .where('at', '>=', from)
            .executeTakeFirstOrThrow()
        ).n,
      )
    if (
      (await count('itemKey', itemKey, since(86_400_000))) >= RECOVER_PER_ITEM ||
      (await count('clientKey', clientKey, since(3_600_000))) >= RECOVER_PER_CLIENT
    ) {
      throw new AppError('RATE_LIMITED', '找回查询码的次数过多，请明天再试，或拨打 12315 热线由工作人员核实身份后办理')
    }
    await db.insertInto('complaintTrackRecovery').values({ id: newId(), itemKey, clientKey, at: now.toISOString() }).execute()
    await db
      .deleteFrom('complaintTrackRecovery')
      .where('at', '<', since(2 * 86_400_000))
      .execute()

    const code = newQueryCode()
    const row = await repo.findByNo(db, no)
    const wanted = phoneHash(phone)
    const match =
      !!row &&
      !!wanted &&
      row.queryCodeHash !== null &&
      (await db
        .selectFrom('complaintParty')
        .select('id')
        .where('itemId', '=', row.id)
        .where('role', 'in', ['complainant', 'reporter', 'consultant'])
        .where('phoneHash', '=', wanted)
        .executeTakeFirst()) !== undefined
    if (row && match) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('complaintItem')
          .set({ queryCodeHash: codeHash(row.itemNo, code) })
          .where('id', '=', row.id)
          .execute()
        await audit.record(
          trx,
          { ...systemCtx('portal'), ip },
          {
            action: 'complaint.portal.recover',
            targetType: 'complaint_item',
            targetId: row.id,
            targetLabel: row.itemNo,
            unitId: row.handlingUnitId,
            after: { queryCodeHash: '（已重新生成）' },
          },
        )
      })
    }
    return { itemNo: no, queryCode: code }
  }

  /** What every public page's header and footer show: the bureau (the root unit), the centre, the site's filing numbers. */
  async function site(siteConfig: { icp: string | null; govId: string | null }) {
    const root = await db.selectFrom('orgUnit').select('name').where('parentId', 'is', null).orderBy('sortOrder').limit(1).executeTakeFirst()
    const centre = await db
      .selectFrom('orgUnit')
      .select('name')
      .where('name', 'like', '%12315%')
      .where('active', '=', 1)
      .orderBy('depth')
      .orderBy('sortOrder')
      .limit(1)
      .executeTakeFirst()
    return { bureauName: root?.name ?? null, centreName: centre?.name ?? null, hotline: '12315', icp: siteConfig.icp, govId: siteConfig.govId }
  }

  return { challenge, submit, track, rate, document, recover, site, newId }
}
export type PortalService = ReturnType<typeof createPortalService>
