import { createHash, randomInt } from 'node:crypto'
import { sql, type SqlBool } from 'kysely'
import type { CoreDeps } from '../../core/deps'
import { escapeLike, likeOperator } from '../../core/db/dialect'
import { gramMatch } from '../../core/db/text-search'
import { AppError, validation } from '../../core/errors'
import { maskName } from '../../core/mask'
import { LIAISON, OPERATING_STATUSES, REPORT_FORM_LABEL, type OperatingStatus } from '../../shared/credit/annual-report'
import {
  ABNORMAL_REASONS,
  CURES,
  LISTING_MODES,
  REMOVAL_GROUNDS,
  type AbnormalReason,
  type ListingMode,
  type RemovalGround,
} from '../../shared/credit/listing.workflow'
import { ENTITY_KIND_LABEL } from '../../shared/entities/vocabulary'
import type { AnnualReportService } from './annual-report.service'
import { createPublicExtras, type PublicExtrasDeps } from './credit.public.extras'

/** The public states of a listing: proposals and dismissed ones are internal. */
const PUBLIC_STATES = ['listed', 'objecting', 'verifying', 'removal_applied', 'removed'] as const
const REPORT_CODE_LENGTH = 12

/** Rule ids the public page computes dates with (the catalogue holds their lengths). */
export interface PublicRules {
  /** The due date of `ruleId` counted from `start` under the version in force then. */
  due(ruleId: string, start: string): Promise<string | null>
  /** The rule's period in words (e.g. "5 个工作日") under the version in force on `on`. */
  period(ruleId: string, on: string): Promise<string>
}

/**
 * The public credit query (信用信息公示查询): no account, rate-limited at the route. Search by USCC
 * or by name (Chinese substring through the bigram kit), and one entity's credit page answering
 * "why listed, since when, until when, and how to repair". Natural persons are masked: the legal
 * representative's name, and the annual reports carry no personal items (liaison names and phones
 * are never part of a report). A printed credit report is stored as issued, with a verification
 * code anyone can check.
 */
export function createCreditPublic({
  db,
  dialect,
  clock,
  reports,
  rules,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { reports: AnnualReportService; rules: PublicRules }) {
  // The serious list, penalties on display and double-random results: attached once the services exist (app.ts).
  let extras: ReturnType<typeof createPublicExtras> | null = null
  function attach(d: PublicExtrasDeps) {
    extras = createPublicExtras({ db, clock, ...d })
  }
  async function search(q: { q: string; limit: number }) {
    const text = q.q.trim()
    if (Array.from(text).length < 2) throw validation('请输入统一社会信用代码或至少两个字的名称')
    const code = text.toUpperCase()
    const cols = ['marketEntity.uscc', 'marketEntity.name', 'marketEntity.entityKind', 'marketEntity.status', 'marketEntity.registeredOn'] as const
    let rows
    if (/^[0-9A-Z]{15,18}$/.test(code)) {
      rows = await db.selectFrom('marketEntity').select(cols).where('recordKey', '=', code).limit(1).execute()
    } else {
      let b = db.selectFrom('marketEntity').select(cols).where('marketEntity.uscc', 'is not', null)
      const m = gramMatch(dialect, 'market_entity', text)
      if (m) b = b.where(m)
      b = b.where(sql<SqlBool>`${sql.ref('market_entity.name')} ${sql.raw(likeOperator(dialect))} ${`%${escapeLike(text)}%`} escape '\\'`)
      rows = await b.orderBy('marketEntity.name').limit(q.limit).execute()
    }
    return {
      items: rows
        .filter((r) => r.uscc)
        .map((r) => ({
          uscc: r.uscc!,
          name: r.name,
          kindLabel: ENTITY_KIND_LABEL[r.entityKind as keyof typeof ENTITY_KIND_LABEL] ?? r.entityKind,
          statusLabel: r.status === 'active' ? '存续' : r.status === 'cancelled' ? '注销' : r.status === 'revoked' ? '吊销' : '其他',
          registeredOn: r.registeredOn,
        })),
    }
  }

  /** The entity's public credit record, or 404. Contains no natural person's data unmasked. */
  async function entity(uscc: string) {
    const code = uscc.trim().toUpperCase()
    if (!/^[0-9A-Z]{18}$/.test(code)) throw validation('统一社会信用代码应为 18 位数字或大写字母')
    const e = await db
      .selectFrom('marketEntity')
      .leftJoin('orgUnit', 'orgUnit.id', 'marketEntity.stationUnitId')
      .select([
        'marketEntity.id',
        'marketEntity.uscc',
        'marketEntity.name',
        'marketEntity.entityKind',
        'marketEntity.entityType',
        'marketEntity.legalRep',
        'marketEntity.domicile',
        'marketEntity.registeredOn',
        'marketEntity.regAuthority',
        'marketEntity.status',
        'orgUnit.name as unitName',
      ])
      // record_key (unique, indexed) holds the USCC of every entity that has one.
      .where('marketEntity.recordKey', '=', code)
      .where('marketEntity.uscc', '=', code)
      .executeTakeFirst()
    if (!e) throw new AppError('NOT_FOUND', `未找到统一社会信用代码为“${code}”的经营主体`)
    const isIndividual = e.entityKind === 'individual'
    const annual = await reports.reportsOf(db, e.id, false)
    const listings = await db
      .selectFrom('creditListing')
      .leftJoin('orgUnit', 'orgUnit.id', 'creditListing.unitId')
      .select([
        'creditListing.id',
        'creditListing.mode',
        'creditListing.ground',
        'creditListing.reportYear',
        'creditListing.listedOn',
        'creditListing.listingNo',
        'creditListing.state',
        'creditListing.removalGround',
        'creditListing.removedOn',
        'orgUnit.name as unitName',
      ])
      .where('creditListing.entityId', '=', e.id)
      .where('creditListing.state', 'in', [...PUBLIC_STATES])
      .orderBy('creditListing.listedOn', 'desc')
      .execute()
    const filedYears = new Set(annual.map((r) => r.reportYear))
    const abnormal = await Promise.all(
      listings.map(async (l) => {
        const ground = l.ground as AbnormalReason
        const inForce = l.state !== 'removed'
        const cured = ground === 'annual_report_not_filed' && l.reportYear !== null && filedYears.has(Number(l.reportYear))
        const seriousOn = inForce && l.listedOn ? await rules.due('credit.abnormal_to_serious', l.listedOn) : null
        return {
          listingNo: l.listingNo,
          mode: l.mode as ListingMode,
          modeLabel: LISTING_MODES[l.mode as ListingMode] ?? l.mode,
          ground,
          groundLabel: ABNORMAL_REASONS[ground] ?? ground,
          reportYear: l.reportYear === null ? null : Number(l.reportYear),
          listedOn: l.listedOn,
          decidedBy: l.unitName,
          inForce,
          removalGroundLabel: l.removalGround ? (REMOVAL_GROUNDS[l.removalGround as RemovalGround] ?? l.removalGround) : null,
          removedOn: l.removedOn,
          removedBy: l.removedOn ? l.unitName : null,
          /** The earliest day removal may be applied for: today once the ground is cured, else once it is. */
          earliestRemoval: inForce
            ? cured
              ? '已具备申请条件，可随时申请移出'
              : `${(CURES[ground] ?? []).map((c) => REMOVAL_GROUNDS[c]).join('或')}后即可申请`
            : null,
          howToApply: inForce
            ? repairText(
                ground,
                l.reportYear === null ? null : Number(l.reportYear),
                l.unitName,
                await rules.period('credit.abnormal_removal', l.listedOn ?? clock.now().toISOString().slice(0, 10)),
              )
            : null,
          /** Still listed on this day, the entity goes onto the serious-violation list (Publicity Regulation Art 17). */
          seriousOn,
        }
      }),
    )
    const more = extras ? await extras.of(e.id) : { serious: [], seriousInForce: false, penalties: [], inspections: [] }
    return {
      uscc: e.uscc!,
      name: e.name,
      kindLabel: ENTITY_KIND_LABEL[e.entityKind as keyof typeof ENTITY_KIND_LABEL] ?? e.entityKind,
      entityType: e.entityType,
      // A natural person: the legal representative / operator, masked.
      legalRep: maskName(e.legalRep),
      legalRepTitle: isIndividual ? '经营者' : '法定代表人',
      // An individual business's domicile is often a home address: shown to the district only.
      domicile: isIndividual ? maskAddress(e.domicile) : e.domicile,
      registeredOn: e.registeredOn,
      regAuthority: e.regAuthority ?? e.unitName,
      statusLabel: e.status === 'active' ? '存续' : e.status === 'cancelled' ? '注销' : e.status === 'revoked' ? '吊销' : '其他',
      abnormalInForce: abnormal.some((a) => a.inForce),
      abnormal,
      annualReports: annual.map((r) => ({
        reportYear: r.reportYear,
        formLabel: REPORT_FORM_LABEL[r.form] ?? r.form,
        filedOn: r.filedOn,
        late: r.late,
        operatingStatus: OPERATING_STATUSES[(r.public as { operatingStatus?: OperatingStatus }).operatingStatus ?? 'operating'] ?? null,
        public: publicPart(r.public),
        optional: r.optional,
        corrections: r.history.map((h) => ({ revision: h.revision, filedOn: h.filedOn, replacedAt: h.replacedAt, public: publicPart(h.public) })),
      })),
      ...more,
      asOf: clock.now().toISOString(),
    }
  }

  /** The annual report's public part without personal contact data (the phone and e-mail are the enterprise's, still masked for individuals). */
  function publicPart(p: Record<string, unknown>) {
    const contact = (p.contact ?? {}) as { address?: string; postcode?: string; phone?: string; email?: string }
    const capital = Array.isArray(p.capital) ? (p.capital as { shareholder: string }[]) : undefined
    const transfers = Array.isArray(p.equityTransfers) ? (p.equityTransfers as { shareholder: string }[]) : undefined
    return {
      ...p,
      contact: {
        address: contact.address ?? null,
        postcode: contact.postcode ?? null,
        phone: contact.phone ? '已公示（请以登记机关提供为准）' : null,
        email: null,
      },
      // Shareholders may be natural persons: names masked (a company name keeps its first and last characters, still recognisable).
      ...(capital ? { capital: capital.map((c) => ({ ...c, shareholder: maskName(c.shareholder) })) } : {}),
      ...(transfers ? { equityTransfers: transfers.map((c) => ({ ...c, shareholder: maskName(c.shareholder) })) } : {}),
    }
  }

  /** Issues a credit report: the public record as of now, stored with its SHA-256 under a verification code. */
  async function issueReport(uscc: string) {
    const content = await entity(uscc)
    const e = await db.selectFrom('marketEntity').select('id').where('recordKey', '=', content.uscc).executeTakeFirstOrThrow()
    const json = JSON.stringify(content)
    const sha256 = createHash('sha256').update(json).digest('hex')
    let code = ''
    for (let i = 0; i < REPORT_CODE_LENGTH; i++) code += LIAISON.codeAlphabet[randomInt(LIAISON.codeAlphabet.length)]
    const issuedAt = clock.now().toISOString()
    await db.insertInto('creditReport').values({ code, entityId: e.id, issuedAt, contentJson: json, sha256 }).execute()
    return { code, issuedAt, sha256, content }
  }

  /** Checks a verification code: the report as it was issued, or 404. */
  async function verifyReport(code: string) {
    const c = code.trim().toUpperCase()
    if (!/^[0-9A-Z]{12}$/.test(c)) throw validation('验证码应为 12 位字母或数字')
    const r = await db.selectFrom('creditReport').selectAll().where('code', '=', c).executeTakeFirst()
    if (!r) throw new AppError('NOT_FOUND', '未找到该验证码对应的信用报告：报告可能被伪造，请向登记机关核实')
    const intact = createHash('sha256').update(r.contentJson).digest('hex') === r.sha256
    return { code: r.code, issuedAt: r.issuedAt, sha256: r.sha256, intact, content: JSON.parse(r.contentJson) as Awaited<ReturnType<typeof entity>> }
  }

  return { search, entity, issueReport, verifyReport, attach }
}
export type CreditPublic = ReturnType<typeof createCreditPublic>

function repairText(ground: AbnormalReason, year: number | null, unit: string | null, period: string): string {
  const where = unit ? `向${unit}` : '向作出决定的市场监督管理部门'
  switch (ground) {
    case 'annual_report_not_filed':
      return `补报${year ? ` ${year} 年度` : '未报年份的'}年度报告并公示后，${where}申请移出（网上或窗口办理），登记机关自收到申请之日起 ${period}内作出决定。`
    case 'info_not_publicised':
      return `履行即时信息公示义务后，${where}申请移出，登记机关自收到申请之日起 ${period}内作出决定。`
    case 'false_publicity':
      return `更正其公示的信息后，${where}申请移出，登记机关自查实之日起 ${period}内作出决定。`
    case 'unreachable_at_registered_address':
      return `依法办理住所或者经营场所变更登记，或者提出通过登记的住所或者经营场所可以重新取得联系的，${where}申请移出，登记机关自查实之日起 ${period}内作出决定。`
  }
}

/** Keeps the administrative part of an address (up to the district / county), masks the rest. */
function maskAddress(a: string | null): string | null {
  if (!a) return null
  const m = /^(.*?(?:区|县|市))/.exec(a)
  return m ? `${m[1]}****` : '****'
}
