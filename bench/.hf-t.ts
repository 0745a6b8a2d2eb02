import Database from 'better-sqlite3'
const db = new Database('/tmp/hF-cases.db', { readonly: true })
db.pragma('cache_size = -65536')
const uid = (db.prepare(`select id from app_user where username='handler'`).get() as any).id
const unit = (db.prepare(`select ou.path from app_user u join user_unit uu on uu.user_id=u.id join org_unit ou on ou.id=uu.unit_id where u.username='handler'`).get() as any)
console.log(unit)
const path = unit.path + '%'
const base = `from case_file left join org_unit on org_unit.id = case_file.unit_id where case_file.unit_id in (select ou.id from org_unit ou where ou.path like ?) and case_file.id in (select case_id from case_officer where user_id = ? and case_open = ?) and case_file.state != ?`
const run = (label: string, q: string, p: unknown[]) => { const st = db.prepare(q); const ts: number[] = []; for (let k = 0; k < 30; k++) { const t0 = performance.now(); st.all(...p); ts.push(performance.now() - t0) } ts.sort((a, b) => a - b); console.log(label, 'median', ts[15]!.toFixed(2), 'ms') }
run('server sql (window)', `select case_file.*, org_unit.name as unit_name, count(*) over() as jg_total ${base} order by case_file.filed_on desc, case_file.case_no desc limit 20 offset 0`, [path, uid, 1, 'closed'])
run('page only', `select case_file.*, org_unit.name as unit_name ${base} order by case_file.filed_on desc, case_file.case_no desc limit 20 offset 0`, [path, uid, 1, 'closed'])
run('count only', `select count(*) ${base}`, [path, uid, 1, 'closed'])
run('officer ids', `select case_id from case_officer where user_id = ? and case_open = 1`, [uid])
run('probe ids', `select state, unit_id from case_file where id in (select case_id from case_officer where user_id = ? and case_open = 1)`, [uid])
