import { COLLECTIONS } from '../../../cloudfunctions/_core/collections';
import { EXPORT_SECTIONS, PERSONAL_DATA } from '../../../cloudfunctions/privacy/personal-data';

/**
 * Every collection says how it relates to a person: a collection added tomorrow fails here until it
 * is classified (where a person's documents are found, what the export shows, what deletion does).
 */
describe('the personal-data table', () => {
  it('has an entry for every collection, and none for a collection that does not exist', () => {
    expect(Object.keys(PERSONAL_DATA).sort()).toEqual(COLLECTIONS.map((c) => c.name).sort());
  });

  it.each(COLLECTIONS.map((c) => [c.name, c] as const))('%s: each person link is served by an index of the collection', (name, spec) => {
    for (const link of PERSONAL_DATA[name].links) {
      if (link.index === '_id') continue;
      const index = (spec.indexes as readonly { name: string; fields: readonly (readonly [string, number])[] }[]).find((i) => i.name === link.index);
      expect(index?.fields[0]?.[0]).toBe(link.field);
    }
  });

  it('says why a collection is not exported, and exports only into known sections', () => {
    const silent = Object.entries(PERSONAL_DATA)
      .filter(([, e]) => e.section === null && !e.notExported)
      .map(([name]) => name);
    expect(silent).toEqual([]);
    const sections = Object.values(PERSONAL_DATA).flatMap((e) => (e.section ? [e.section] : []));
    expect(sections.filter((s) => !(s in EXPORT_SECTIONS))).toEqual([]);
  });

  it('finds the documents of every personal collection it exports or removes', () => {
    const unreachable = Object.entries(PERSONAL_DATA).filter(([, e]) => e.personal && (e.section !== null || e.erase === 'delete') && e.links.length === 0);
    expect(unreachable).toEqual([]);
  });

  it('never removes a collection that feeds the rollups: counted records are kept without identity', () => {
    for (const counted of ['orders', 'meetings', 'topics', 'topic_ratings', 'service_records'] as const) expect(PERSONAL_DATA[counted].erase).not.toBe('delete');
  });
});
