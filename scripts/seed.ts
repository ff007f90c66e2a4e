/** `npm run seed`: empties the local store and loads the deterministic demo data again. */
import { join } from 'node:path';
import { SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
import { localPorts } from '../cloudfunctions/_core/adapters/local';
import { buildDemoData, demoInserts } from './demo-data';
import { playDemoStory } from './demo-story';

const dataDir = process.env.HONGLIN_DATA_DIR ?? join(__dirname, '..', 'data');
const store = new SqliteStore(join(dataDir, 'honglin.sqlite'));
store.reset();
const data = buildDemoData();
store
  .transact(demoInserts(data))
  .then(async (result) => {
    if (!result.ok) throw new Error(`seeding failed at operation ${result.index}: ${result.reason}`);
    const orders = await playDemoStory(localPorts({ store, dataDir }));
    console.log(`seeded: ${data.nodes.length} places, ${data.users.length} people, ${data.memberships.length} roles, ${orders} orders`);
    await store.close();
  })
  .catch((e: unknown) => {
    console.error((e as Error).message);
    process.exit(1);
  });
