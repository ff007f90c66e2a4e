/**
 * `npm start`: builds the H5 app if it is missing, loads the demo on first start, and serves
 * everything from the local gateway on 127.0.0.1 (port from PORT, default 8787).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startLocal } from '../cloudfunctions/_local/local-server';
import { buildDemoData, demoInserts, PERSONAS } from './demo-data';
import { playDemoStory } from './demo-story';
import { loadDemoYear } from './demo-year';

type Persona = { openid: string; name: string; summary: string; purpose: string };

/** The personas as the switcher lists them (the server's list, names as they are in the store now). */
async function personaLines(url: string): Promise<string> {
  let personas: Persona[] = [];
  try {
    const res = await fetch(`${url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-honglin-persona': PERSONAS.resident },
      body: JSON.stringify({ action: 'personas' }),
    });
    const body = (await res.json()) as { ok: boolean; data?: { personas: Persona[] } };
    personas = body.ok && body.data ? body.data.personas : [];
  } catch {
    // The list is a courtesy: the demo runs without it.
  }
  if (personas.length === 0) return `  演示身份 personas: ${Object.values(PERSONAS).join(', ')} (我的 → 切换身份)\n`;
  const width = Math.max(...personas.map((p) => p.name.length));
  const pad = (text: string) => text.padEnd(width + 1, '\u3000');
  const lines = personas.map((p) => `  ${pad(p.name)}${p.summary}${p.purpose ? `\n  ${pad('')}${p.purpose}` : ''}`);
  return `  演示身份 personas（我的 → 切换身份）:\n${lines.join('\n')}\n`;
}

const root = join(__dirname, '..');
const h5Dir = join(root, 'dist', 'h5');
const dataDir = process.env.HONGLIN_DATA_DIR ?? join(root, 'data');

/** The ten-day story through the handlers, then a year of history before this month (its rollups rebuilt). */
async function playDemoWithHistory(ports: Parameters<typeof playDemoStory>[0]) {
  await playDemoStory(ports);
  await loadDemoYear(ports, buildDemoData(), Date.now());
}

async function main() {
  if (!existsSync(join(h5Dir, 'index.html'))) {
    console.log('构建 H5 演示页面（首次启动需要约半分钟）… building the H5 app');
    const build = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const local = await startLocal({ dataDir, port: Number(process.env.PORT ?? 8787), h5Dir, seed: demoInserts, afterSeed: playDemoWithHistory, tickEveryMs: 60_000 });
  if (local.seeded) console.log('已载入演示数据 demo data loaded (npm run seed resets it)');
  console.log(`\n红邻 Honglin 本地演示已启动 — local demo running:\n  ${local.url}/\n  health: ${local.url}/health`);
  console.log(await personaLines(local.url));
  const stop = () => local.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`start failed: ${(e as Error).message}`);
  process.exit(1);
});
