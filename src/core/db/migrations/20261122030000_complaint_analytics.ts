import type { Kysely } from 'kysely'

/*
 * 12315 analytics (read model over complaint_item; see src/modules/analytics/README.md):
 * - complaint_daily_stat: counters per receipt day × handling unit × type × category, maintained by
 *   refresh (recomputes the days touched since a watermark on complaint_item.updated_at);
 * - complaint_item_term / complaint_daily_term: hot-topic terms per item and per day (terms and
 *   product codes);
 * - complaint_analytics_state: the refresh watermarks;
 * - complaint_alert_rule / complaint_alert: configurable alert rules and the alerts they raised
 *   (one per rule per day).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Indexes the refresh and the daily report need on the core table.
  await db.schema.createIndex('complaint_item_updated_at_idx').on('complaint_item').column('updated_at').execute()
  await db.schema.createIndex('complaint_item_closed_on_idx').on('complaint_item').column('closed_on').execute()

  await db.schema
    .createTable('complaint_daily_stat')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('received', 'integer', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('not_accepted', 'integer', (c) => c.notNull())
    .addColumn('mediation_ended', 'integer', (c) => c.notNull())
    .addColumn('mediated_ok', 'integer', (c) => c.notNull())
    .addColumn('recovered_fen', 'bigint', (c) => c.notNull())
    .addColumn('accept_decided', 'integer', (c) => c.notNull())
    .addColumn('accept_on_time', 'integer', (c) => c.notNull())
    .addColumn('verify_done', 'integer', (c) => c.notNull())
    .addColumn('verify_on_time', 'integer', (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull())
    .addColumn('handling_days', 'bigint', (c) => c.notNull())
    .addColumn('late_done', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_daily_stat_pk', ['day', 'unit_id', 'item_type', 'category'])
    .execute()
  await db.schema.createIndex('complaint_daily_stat_unit_idx').on('complaint_daily_stat').columns(['unit_id', 'day']).execute()

  await db.schema
    .createTable('complaint_item_term')
    .addColumn('item_id', 'text', (c) => c.notNull().references('complaint_item.id'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_item_term_pk', ['item_id', 'term'])
    .execute()
  await db.schema.createIndex('complaint_item_term_term_idx').on('complaint_item_term').columns(['term', 'item_id']).execute()

  await db.schema
    .createTable('complaint_daily_term')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    /** term | product */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_daily_term_pk', ['day', 'unit_id', 'item_type', 'category', 'kind', 'term'])
    .execute()
  await db.schema.createIndex('complaint_daily_term_unit_idx').on('complaint_daily_term').columns(['unit_id', 'day']).execute()

  await db.schema
    .createTable('complaint_analytics_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('watermark', 'text')
    .addColumn('refreshed_at', 'text')
    .execute()
  await db
    .insertInto('complaint_analytics_state')
    .values([
      { key: 'stats', watermark: null, refreshed_at: null },
      { key: 'terms', watermark: null, refreshed_at: null },
    ])
    .execute()

  await db.schema
    .createTable('complaint_alert_rule')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    /** volume_spike | category_share | term_share | monitored_product */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('complaint_alert_rule_unit_idx').on('complaint_alert_rule').column('unit_id').execute()
  await db.schema.createIndex('complaint_alert_rule_created_by_idx').on('complaint_alert_rule').column('created_by').execute()

  await db.schema
    .createTable('complaint_alert')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_id', 'text', (c) => c.notNull().references('complaint_alert_rule.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('threshold', 'double precision', (c) => c.notNull())
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('acknowledged_by_name', 'text')
    .addColumn('ack_note', 'text')
    .addUniqueConstraint('complaint_alert_rule_day_unique', ['rule_id', 'day'])
    .execute()
  await db.schema.createIndex('complaint_alert_day_idx').on('complaint_alert').columns(['day', 'unit_id']).execute()
  await db.schema.createIndex('complaint_alert_unit_idx').on('complaint_alert').column('unit_id').execute()
  await db.schema.createIndex('complaint_alert_ack_by_idx').on('complaint_alert').column('acknowledged_by').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'complaint_alert',
    'complaint_alert_rule',
    'complaint_analytics_state',
    'complaint_daily_term',
    'complaint_item_term',
    'complaint_daily_stat',
  ]) {
    await db.schema.dropTable(t).ifExists().execute()
  }
  await db.schema.dropIndex('complaint_item_closed_on_idx').ifExists().execute()
  await db.schema.dropIndex('complaint_item_updated_at_idx').ifExists().execute()
}
