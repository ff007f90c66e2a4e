/** `npm run seed`: empties the local store and loads the deterministic demo data again. */
import { join } from 'node:path';
import { SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
import { localPorts } from '../cloudfunctions/_core/adapters/local';
import { buildDemoData, demoInserts } from './demo-data';
import { playDemoStory } from './demo-story';
import { loadDemoYear } from './demo-year';

const dataDir = process.env.HONGLIN_DATA_DIR ?? join(__dirname, '..', 'data');
const store = new SqliteStore(join(dataDir, 'honglin.sqlite'));
store.reset();
const data = buildDemoData();
store
  .transact(demoInserts(data))
  .then(async (result) => {
    if (!result.ok) throw new Error(`seeding failed at operation ${result.index}: ${result.reason}`);
    const ports = localPorts({ store, dataDir });
    const orders = await playDemoStory(ports);
    // A year of history before this month, written directly; its rollups rebuilt from the records.
    const year = await loadDemoYear(ports, data, Date.now());
    console.log(`seeded: ${data.nodes.length} places, ${data.users.length} people, ${data.memberships.length} roles, ${orders} orders`);
    console.log(`history: ${year.orders} orders over ${year.months[0]}…${year.months[year.months.length - 1]}, ${year.rollups.rewritten} rollups rebuilt`);
    await store.close();
  })
  .catch((e: unknown) => {
    console.error((e as Error).message);
    process.exit(1);
  });
