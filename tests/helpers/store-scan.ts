import type { TestGateway } from './local-gateway';

/**
 * Every document of every table of the gateway's SQLite file that still holds one of the needles
 * (a name, a phone, an openid…), each reported with an excerpt in which the needles read
 * `[needle 1]`, `[needle 2]`…, so a failing test prints no personal data. The local demo's persona
 * list (`meta/personas`, the switcher's openids) is left out: it exists only in local mode.
 */
export function leftovers(gw: TestGateway, needles: readonly string[]): string[] {
  const db = gw.store.db;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  const masked = (text: string) => needles.reduce((s, n, i) => s.split(n).join(`[needle ${i + 1}]`), text);
  const found: string[] = [];
  for (const t of tables) {
    for (const row of db.prepare(`SELECT _id, doc FROM "${t}"`).all() as { _id: string; doc: string }[]) {
      if (t === 'meta' && row._id === 'personas') continue;
      const text = `${row._id} ${String(row.doc)}`;
      if (needles.some((n) => text.includes(n))) found.push(`${t}/${masked(row._id)}: ${masked(String(row.doc)).slice(0, 400)}`);
    }
  }
  return found;
}
