import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { childDivisions } from '../modules/org'
import { composeUscc, usccCheckChar } from '../modules/entities'

/**
 * Deterministic synthetic register for the demo city (焦作市, 410800): valid USCCs, realistic
 * names by industry, legal representatives, townships, tags and risk classes. The same seed always
 * yields the same rows, so demos and benchmarks are repeatable.
 */

/** mulberry32: a tiny seeded PRNG; determinism matters here, not cryptographic quality. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰凤云海波宁鑫浩宇晨阳东升春梅金山林森文博凯丹雪琴'
/**
 * Trade names (字号) are two characters, one from each list (64 × 64 = 4,096): enough that an
 * enterprise name (registered once per registration area in a real register) repeats rarely, while
 * the common words (华瑞, 恒达, 鑫源…) stay common as they are in real registers.
 */
const BRAND_FIRST = Array.from(
  '鑫华恒金永润宏兴福佳德天康瑞汇怀太云丰嘉盛百同万新诚青绿四安鼎昌和荣泰益聚利众广宝隆源祥合通达远中东方春长富国家美优正信顺大建银龙',
)
const BRAND_SECOND = Array.from('源瑞达穗安丰发旺运美隆和泰祥通庆行台泽禾世顺心家月信山季康盛德昌利华成兴旭辉鸿宇润亿豪锦晟福铭嘉博创佳禧鹏腾森阳峰业恒凯欣')
/** Words a trade's name may use after the trade name (the trade's own word first, the most common). */
const TRADE_VARIANTS: Record<string, string[]> = {
  超市: ['超市', '超市', '生活超市', '便民超市', '购物广场', '便利店'],
  饭店: ['饭店', '饭店', '酒家', '餐厅', '食府', '小吃店'],
  百货商店: ['百货商店', '百货商行', '日用百货店', '商贸行'],
  大药房: ['大药房', '大药房', '药店', '医药连锁店'],
  理发店: ['理发店', '理发店', '美发店', '发艺工作室'],
  五金建材店: ['五金建材店', '五金店', '建材商行', '水暖五金店'],
  网店: ['网店', '网店', '电子商务商行', '网络商行'],
  烩面馆: ['烩面馆', '烩面馆', '面馆', '羊肉烩面馆'],
}
/** An enterprise's business word for each trade (an enterprise is not named 饭有限公司). */
const ENTERPRISE_WORDS: Record<string, string[]> = {
  超市: ['超市', '超市', '商业'],
  饭店: ['餐饮', '餐饮管理', '饮食'],
  烩面馆: ['餐饮'],
  百货商店: ['百货', '商贸'],
  大药房: ['大药房', '医药'],
  理发店: ['美发', '美容美发'],
  五金建材店: ['建材', '五金'],
  网店: ['电子商务'],
  冷冻食品经营部: ['冷冻食品', '冷链食品'],
  医疗器械经营部: ['医疗器械'],
  医用防护用品厂: ['医用防护用品'],
  肉制品加工厂: ['肉制品', '食品'],
  汽车销售服务部: ['汽车销售服务', '汽车贸易'],
  网络科技: ['网络科技', '信息技术'],
  锅炉制造厂: ['锅炉制造', '锅炉'],
  物业服务: ['物业服务', '物业管理'],
}
/** One row in this many repeats an earlier row's name exactly (individual businesses of the same county do share names). */
const REPEAT_EVERY = 400
/** Industry code, name word, entity-type word, tags, weight. */
const TRADES: Array<{ code: string; word: string; tags: string[]; weight: number }> = [
  { code: 'F5211', word: '百货商店', tags: [], weight: 10 },
  { code: 'F5212', word: '超市', tags: ['food_business', 'price_monitored'], weight: 8 },
  { code: 'H6210', word: '饭店', tags: ['food_business'], weight: 9 },
  { code: 'H6241', word: '烩面馆', tags: ['food_business'], weight: 5 },
  { code: 'F5225', word: '冷冻食品经营部', tags: ['food_business', 'cold_chain'], weight: 2 },
  { code: 'F5251', word: '大药房', tags: ['pharmacy', 'price_monitored'], weight: 4 },
  { code: 'F5254', word: '医疗器械经营部', tags: ['medical_device'], weight: 2 },
  { code: 'C2770', word: '医用防护用品厂', tags: ['mask_producer'], weight: 1 },
  { code: 'C1351', word: '肉制品加工厂', tags: ['cold_chain'], weight: 1 },
  { code: 'O8011', word: '理发店', tags: [], weight: 6 },
  { code: 'F5174', word: '五金建材店', tags: [], weight: 5 },
  { code: 'F5261', word: '汽车销售服务部', tags: [], weight: 2 },
  { code: 'I6432', word: '网络科技', tags: ['online_platform'], weight: 1 },
  { code: 'F5292', word: '网店', tags: ['platform_seller'], weight: 4 },
  { code: 'C3435', word: '锅炉制造厂', tags: ['special_equipment'], weight: 1 },
  { code: 'K7020', word: '物业服务', tags: ['special_equipment'], weight: 2 },
  { code: 'A0511', word: '农机专业合作社', tags: [], weight: 3 },
]
const TOTAL_WEIGHT = TRADES.reduce((s, t) => s + t.weight, 0)
const PLATFORMS = ['淘宝', '京东', '拼多多', '美团', '抖音电商']
const ROADS = ['人民路', '解放路', '民主路', '建设路', '塔南路', '丰收路', '山阳路', '焦东路', '太行路', '迎宾路', '中原路', '新华街', '和平街']
const ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY'

export const ENTITY_CSV_HEADER = [
  '统一社会信用代码',
  '名称',
  '主体类型',
  '法定代表人',
  '住所',
  '住所行政区划',
  '经营场所',
  '经营场所行政区划',
  '行业代码',
  '成立日期',
  '登记机关',
  '登记状态',
  '风险等级',
  '标签',
  '所在平台',
  '许可证编号',
]
const TAG_LABEL: Record<string, string> = {
  cold_chain: '冷链食品经营者',
  food_business: '食品经营者',
  pharmacy: '药品零售',
  medical_device: '医疗器械经营',
  special_equipment: '特种设备使用单位',
  mask_producer: '口罩生产企业',
  online_platform: '网络交易平台',
  platform_seller: '平台内经营者',
  price_monitored: '重点价格监测',
}

function base31(n: number, width: number): string {
  let s = ''
  for (let i = 0; i < width; i++) {
    s = ALPHA[n % 31]! + s
    n = Math.floor(n / 31)
  }
  return s
}

/** The i-th synthetic entity of the demo city (pure function of i and the seed). */
export function* demoEntityRows(count: number, seed = 410800): Generator<string[]> {
  const rnd = prng(seed)
  const pick = <T>(arr: readonly T[]) => arr[Math.floor(rnd() * arr.length)]!
  const counties = childDivisions('410800')
  const townsByCounty = counties.map((c) => ({ county: c, towns: childDivisions(c.code) }))
  const used = new Set<string>()
  const lastIndividual = new Map<string, string>()
  for (let i = 0; i < count; i++) {
    const { county, towns } = pick(townsByCounty)
    const town = towns.length > 0 ? pick(towns) : county
    let w = rnd() * TOTAL_WEIGHT
    let trade = TRADES[0]!
    for (const t of TRADES) {
      w -= t.weight
      if (w <= 0) {
        trade = t
        break
      }
    }
    const isCoop = trade.word.includes('合作社')
    const isIndividual = !isCoop && ['烩面馆', '理发店', '网店', '五金建材店', '百货商店'].includes(trade.word) && rnd() < 0.8
    const prefix = isCoop ? '93' : isIndividual ? '92' : '91'
    const uscc = composeUscc(prefix, county.code, `MA${base31(i, 6)}`)
    const person = `${pick(Array.from(SURNAMES))}${pick(Array.from(GIVEN))}${rnd() < 0.6 ? pick(Array.from(GIVEN)) : ''}`
    const brand = `${pick(BRAND_FIRST)}${pick(BRAND_SECOND)}`
    const place = county.name.replace(/(区|县|市)$/, '')
    const word = pick(TRADE_VARIANTS[trade.word] ?? [trade.word])
    let name = isIndividual
      ? `${county.name}${rnd() < 0.5 ? `${person.slice(0, 1)}${pick(['记', '氏', '家', '姐', '哥'])}` : ''}${brand}${word}`
      : isCoop
        ? `${place}${brand}${word}`
        : `${rnd() < 0.7 ? '焦作市' : `焦作${place}`}${brand}${pick(ENTERPRISE_WORDS[trade.word] ?? [trade.word])}${pick(['有限公司', '有限公司', '有限责任公司', '实业有限公司'])}`
    // Unique (enterprises in the city, individual businesses in their county) unless deliberately
    // repeated: a collision draws another trade name, as a registration authority refuses a name
    // already registered in its area.
    const key = (n: string) => (isIndividual ? `${county.code}|${n}` : n)
    for (let tries = 0, current = brand; used.has(key(name)) && tries < 8; tries++) {
      const other = `${pick(BRAND_FIRST)}${pick(BRAND_SECOND)}`
      name = name.replace(current, other)
      current = other
    }
    if (isIndividual && i % REPEAT_EVERY === REPEAT_EVERY - 1 && lastIndividual.has(county.code)) name = lastIndividual.get(county.code)!
    else used.add(key(name))
    if (isIndividual) lastIndividual.set(county.code, name)
    const address = `河南省焦作市${county.name}${town.name}${pick(ROADS)}${1 + Math.floor(rnd() * 300)}号`
    const year = 2000 + Math.floor(rnd() * 26)
    const date = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`
    const r = rnd()
    const status = r < 0.86 ? '存续' : r < 0.93 ? '注销' : r < 0.97 ? '吊销' : '迁出'
    const risk = rnd() < 0.5 ? 'A' : rnd() < 0.6 ? 'B' : rnd() < 0.75 ? 'C' : 'D'
    const tags = trade.tags.map((t) => TAG_LABEL[t]).join('、')
    const platform = trade.tags.includes('platform_seller') ? pick(PLATFORMS) : ''
    const licence = trade.tags.includes('food_business') ? `JY${county.code}${String(i).padStart(8, '0')}` : ''
    yield [
      uscc,
      name,
      isCoop ? '农民专业合作社' : isIndividual ? '个体工商户' : '有限责任公司',
      person,
      address,
      town.code,
      address,
      town.code,
      trade.code,
      date,
      `${county.name}市场监督管理局`,
      status,
      risk,
      tags,
      platform,
      licence,
    ]
  }
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

/** Writes `count` demo entities as a UTF-8 CSV in the common export layout. */
export async function writeDemoEntitiesCsv(path: string, count: number, seed?: number): Promise<void> {
  const out = createWriteStream(path)
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain')
  }
  await write(`\uFEFF${ENTITY_CSV_HEADER.join(',')}\n`)
  let buf = ''
  let n = 0
  for (const row of demoEntityRows(count, seed)) {
    buf += `${row.map(csvCell).join(',')}\n`
    if (++n % 2000 === 0) {
      await write(buf)
      buf = ''
    }
  }
  await write(buf)
  out.end()
  await once(out, 'finish')
}

/**
 * A sample import workbook with a few deliberate errors, as bureaus receive them: a wrong check
 * character, a duplicated code, an impossible date, an unknown division, a formula, a script tag,
 * a missing name, a USCC with a forbidden letter.
 */
export async function writeSampleImportXlsx(path: string, validRows = 40): Promise<{ rows: number; errors: number }> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('经营主体')
  ws.addRow(ENTITY_CSV_HEADER)
  const rows = [...demoEntityRows(validRows, 20261121)]
  for (const r of rows) ws.addRow(r)
  const good = rows[0]!
  const bad = (patch: Record<number, string>) => ws.addRow(good.map((v, i) => patch[i] ?? v))
  const wrongCheck = good[0]!.slice(0, 17) + (good[0]![17] === '0' ? '1' : '0')
  bad({ 0: wrongCheck, 1: '焦作市校验码错误示例有限公司' })
  bad({ 1: '焦作市重复代码示例有限公司' }) // duplicate of row 2
  bad({ 0: composeUscc('91', '410811', 'MAZZ0001'.replace(/Z/g, '0')), 9: '2023-02-30', 1: '焦作市日期错误示例有限公司' })
  bad({ 0: composeUscc('91', '410811', 'MA0X0002'), 7: '419999', 1: '焦作市区划错误示例有限公司' })
  const f = ws.addRow(good.map((v, i) => (i === 0 ? composeUscc('91', '410811', 'MA0X0003') : i === 1 ? '' : v)))
  f.getCell(2).value = { formula: 'HYPERLINK("http://example.invalid","点我")', result: '点我' }
  bad({ 0: composeUscc('91', '410811', 'MA0X0004'), 1: '<script>alert(1)</script>' })
  bad({ 0: composeUscc('91', '410811', 'MA0X0005'), 1: '' })
  const withO = `${good[0]!.slice(0, 10)}O${good[0]!.slice(11, 17)}`
  bad({ 0: `${withO}${usccCheckChar(withO.replace('O', '0')) ?? '0'}`, 1: '焦作市非法字符示例有限公司' })
  await wb.xlsx.writeFile(path)
  return { rows: validRows + 8, errors: 8 }
}

/** Loads `count` demo entities through the real import pipeline (file → validate → import). */
export async function loadDemoEntities(
  s: { imports: import('../modules/entities').ImportService; deps: { config: { imports: { dir: string } } } },
  count: number,
  log: (line: string) => void = () => {},
): Promise<number> {
  const { mkdir } = await import('node:fs/promises')
  const { systemCtx } = await import('../core/actor')
  await mkdir(s.deps.config.imports.dir, { recursive: true })
  const path = join(s.deps.config.imports.dir, `demo-entities-${count}.csv`)
  await writeDemoEntitiesCsv(path, count)
  const ctx = systemCtx('demo')
  const job = await s.imports.createJob(ctx, { fileName: `演示经营主体-${count}.csv`, filePath: path })
  const v = await s.imports.validate(job.id)
  const done = await s.imports.commit(ctx, v.id, 'valid_only', { wait: true })
  log(`已载入演示经营主体 ${done.insertedRows} 户（校验出错 ${v.errorRows} 行）`)
  return done.insertedRows
}
