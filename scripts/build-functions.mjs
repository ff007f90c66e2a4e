#!/usr/bin/env node
// Bundles each cloud function (every folder of cloudfunctions/ not starting with "_") into
// dist/cloudfunctions/<name>/ with what CloudBase and WeChat DevTools expect there:
//   index.js      one self-contained CommonJS file (esbuild, node18 target, minified);
//   package.json  only the runtime packages the bundle still requires (the SDKs; `npm run deploy` ships them beside the code);
//   config.json   the WeChat openapi permissions the bundled code may call, and timer triggers;
//   data files    a function reads beside its code (ASSETS), e.g. the suggestion model's weights.
// The SQLite adapter (node:sqlite) is local-only: reaching it from a cloud bundle fails the build.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'cloudfunctions');
const outDir = join(root, 'dist', 'cloudfunctions');

/** Never bundled: the SDKs talk to the platform. The deploy ships them in the function's node_modules (scripts/deploy-code.ts). */
export const RUNTIME_EXTERNALS = ['@cloudbase/node-sdk', 'wx-server-sdk'];

/** Timer triggers, by function. CloudBase cron has seven fields: second minute hour day month weekday year. */
export const TRIGGERS = {
  scheduler: [{ name: 'tick', type: 'timer', config: '0 */5 * * * * *' }],
};

/**
 * Data files a function reads next to its index.js, by function: [source in the repo, name beside the
 * bundle]. Kept out of the bundle so the code every cold start parses stays small; read on first use.
 */
export const ASSETS = {
  orders: [['shared/orders/suggest/weights.json', 'suggest-weights.json']],
};

/** Which WeChat openapi each port call needs, found by scanning the code that goes into a bundle. */
const OPENAPI_USES = [
  { api: 'subscribeMessage.send', pattern: /\bnotifier\s*\.\s*send\b/ },
  { api: 'security.msgSecCheck', pattern: /\bcontentCheck\s*\.\s*checkText\b/ },
  { api: 'security.mediaCheckAsync', pattern: /\bcontentCheck\s*\.\s*checkImage\b/ },
  { api: 'wxacode.getUnlimited', pattern: /\bqr\s*\.\s*image\b/ },
];

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:sqlite', 'sqlite']);
const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** Refuses the local-only store on the way in, with the file that asked for it. */
const noSqlite = {
  name: 'no-sqlite-in-the-cloud',
  setup(b) {
    b.onResolve({ filter: /(^node:sqlite$|^sqlite$|sqlite-store$|adapters\/local$)/ }, (args) => ({
      errors: [{ text: `${args.path} is local-only and must not be part of a cloud bundle (imported from ${relative(root, args.importer)})` }],
    }));
  },
};

/**
 * An action's `summary` is documentation (docs/api.md is generated from the sources); nothing reads
 * it at run time, so the bundles carry it empty. Every contract file's summaries cost a function
 * ≈ 1–4 KB of its 250 KB budget otherwise.
 */
const noSummaries = {
  name: 'contract-summaries-stay-in-the-docs',
  setup(b) {
    b.onLoad({ filter: /\.contract\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/summary:\s*(?:'(?:[^'\\\n]|\\.)*'(?:\s*\+\s*'(?:[^'\\\n]|\\.)*')*)/g, "summary: ''"),
      loader: 'ts',
    }));
  },
};

/**
 * Zod's JSON Schema output (`schema.toJSONSchema()`, `z.toJSONSchema`) is for documentation and
 * tooling; no function produces JSON Schema at run time. Its ≈ 9 KB module is replaced in the
 * bundles by one whose every entry point says so if called: validation does not touch it.
 */
const noJsonSchema = {
  name: 'zod-json-schema-stays-out',
  setup(b) {
    b.onLoad({ filter: /zod[\\/]v4[\\/]core[\\/]to-json-schema\.js$/ }, () => ({
      contents: [
        "const no = () => { throw new Error('JSON Schema output is not part of a cloud function bundle'); };",
        'export const initializeContext = no, handleUnrepresentable = no, processSchema = no, extractDefs = no, finalize = no;',
        'export { processSchema as process };',
        'export const createToJSONSchemaMethod = () => no;',
        'export const createStandardJSONSchemaMethod = () => no;',
      ].join('\n'),
      loader: 'js',
    }));
    // Each schema's JSON Schema processor, the same: every export of the module, each refusing.
    b.onLoad({ filter: /zod[\\/]v4[\\/]core[\\/]json-schema-processors\.js$/ }, (args) => {
      const names = [...readFileSync(args.path, 'utf8').matchAll(/^export (?:const|function) (\w+)/gm)].map((m) => m[1]);
      return {
        contents: [
          "const no = () => { throw new Error('JSON Schema output is not part of a cloud function bundle'); };",
          `export const ${names.map((n) => `${n} = ${n === 'allProcessors' ? '{}' : 'no'}`).join(', ')};`,
        ].join('\n'),
        loader: 'js',
      };
    });
    // zod registers English as the default locale; the pipeline configures zh-CN before any parse.
    b.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/]en\.js$/ }, () => ({ contents: 'export default function en() { return {}; }', loader: 'js' }));
  },
};

export function listFunctions() {
  return readdirSync(sourceDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.') && existsSync(join(sourceDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/** Builds one function; `dirs` lets tests build a function kept outside the source tree. */
export async function buildFunction(name, rootPackage, dirs = {}) {
  const from = dirs.sourceDir ?? sourceDir;
  const target = join(dirs.outDir ?? outDir, name);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const result = await build({
    entryPoints: [join(from, name, 'index.ts')],
    outfile: join(target, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    minify: true,
    // Chinese as UTF-8 (3 bytes) rather than \uXXXX escapes (6): the messages and labels are most of a bundle's text.
    charset: 'utf8',
    legalComments: 'none',
    external: RUNTIME_EXTERNALS,
    plugins: [noSqlite, noSummaries, noJsonSchema],
    metafile: true,
    logLevel: 'silent',
  });

  const output = Object.values(result.metafile.outputs)[0];
  const required = new Set();
  for (const imp of output.imports) {
    if (!imp.external) continue;
    if (builtins.has(imp.path) || builtins.has(imp.path.replace(/^node:/, ''))) continue;
    required.add(packageOf(imp.path));
  }
  const dependencies = {};
  for (const pkg of [...required].sort()) {
    const version = rootPackage.dependencies?.[pkg];
    if (!version) throw new Error(`${name}: the bundle requires ${pkg}, which is not a runtime dependency in package.json`);
    dependencies[pkg] = version;
  }
  writeFileSync(
    join(target, 'package.json'),
    `${JSON.stringify({ name: `honglin-${name}`, version: rootPackage.version, private: true, main: 'index.js', dependencies }, null, 2)}\n`,
  );

  // The openapi a function may call: what its bundled project code asks of the ports.
  const projectInputs = Object.keys(result.metafile.inputs).filter(
    (file) => !file.includes('node_modules') && !file.split(/[\\/]/).includes('adapters') && !file.split(/[\\/]/).includes('ports'),
  );
  const code = projectInputs.map((file) => readFileSync(resolve(root, file), 'utf8')).join('\n');
  const openapi = OPENAPI_USES.filter((u) => u.pattern.test(code)).map((u) => u.api);
  const config = { permissions: { openapi }, ...(TRIGGERS[name] ? { triggers: TRIGGERS[name] } : {}) };
  writeFileSync(join(target, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const assets = (ASSETS[name] ?? []).map(([from, as]) => {
    copyFileSync(join(root, from), join(target, as));
    return as;
  });

  return { name, dir: relative(root, target).split(sep).join('/'), bytes: output.bytes, dependencies, openapi, triggers: config.triggers ?? [], assets };
}

export async function buildFunctions() {
  const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const names = listFunctions();
  if (names.length === 0) throw new Error('no cloud functions found (cloudfunctions/<name>/index.ts)');
  mkdirSync(outDir, { recursive: true });
  // Folders of functions that no longer exist would otherwise be deployed from a stale build.
  for (const entry of readdirSync(outDir)) if (!names.includes(entry)) rmSync(join(outDir, entry), { recursive: true, force: true });
  const built = [];
  for (const name of names) built.push(await buildFunction(name, rootPackage));
  return built;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildFunctions()
    .then((built) => {
      for (const f of built) {
        const extras = [f.openapi.length ? `openapi: ${f.openapi.join(', ')}` : 'no openapi', ...f.triggers.map((t) => `trigger ${t.name} (${t.config})`)];
        console.log(`built ${f.dir}/index.js  ${(f.bytes / 1024).toFixed(1)} KB  deps: ${Object.keys(f.dependencies).join(', ') || 'none'}  ${extras.join('; ')}`);
      }
    })
    .catch((e) => {
      console.error(e?.errors?.length ? e.errors.map((x) => x.text).join('\n') : e);
      process.exit(1);
    });
}
