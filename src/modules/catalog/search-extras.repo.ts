/** The SQL of text other modules contribute to services' search (migration 003), and nothing else. */
import type { Generated } from 'kysely';
import type { CatalogDb as Db } from './catalog.repo.js';
import type { Text } from './catalog.schemas.js';

export interface SearchExtrasTable {
  service_id: string;
  source: string;
  text_lv: string;
  text_en: string;
  updated_at: Generated<Date>;
}

/** Every contributed text of a service, in source order. */
export async function searchExtrasOf(db: Db, serviceId: string): Promise<Text[]> {
  const rows = await db.selectFrom('catalog.search_extras').select(['text_lv', 'text_en']).where('service_id', '=', serviceId).orderBy('source').execute();
  return rows.map((row) => ({ lv: row.text_lv, en: row.text_en }));
}

/** Sets one source's text for a service; an empty text removes it. */
export async function setSearchExtra(db: Db, serviceId: string, source: string, text: Text): Promise<void> {
  if (!text.lv.trim() && !text.en.trim()) {
    await db.deleteFrom('catalog.search_extras').where('service_id', '=', serviceId).where('source', '=', source).execute();
    return;
  }
  await db
    .insertInto('catalog.search_extras')
    .values({ service_id: serviceId, source, text_lv: text.lv, text_en: text.en })
    .onConflict((conflict) => conflict.columns(['service_id', 'source']).doUpdateSet({ text_lv: text.lv, text_en: text.en, updated_at: new Date() }))
    .execute();
}
