import { build } from 'esbuild';
const r = await build({ entryPoints: ['cloudfunctions/accounts/index.ts'], bundle: true, platform: 'node', target: 'node18', format: 'cjs', minify: true, write: false, metafile: true, external: ['@cloudbase/node-sdk', 'wx-server-sdk'] });
const inputs = Object.values(r.metafile.outputs)[0].inputs;
const agg = {};
for (const [f, v] of Object.entries(inputs)) { const k = f.includes('node_modules') ? f.split('node_modules/')[1].split('/').slice(0, f.split('node_modules/')[1].startsWith('@') ? 2 : 1).join('/') + (f.includes('/locales/') ? ' (locales)' : '') : f.split('/').slice(0,2).join('/'); agg[k] = (agg[k] ?? 0) + v.bytesInOutput; }
console.log(Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${(v/1024).toFixed(1)}KB`).join('\n'));
