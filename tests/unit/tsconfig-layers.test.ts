import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');

/** The layers `npm run typecheck` checks apart (tsc -b tsconfig.layers.json), each with its own globals. */
const LAYERS = ['shared', 'miniprogram', 'cloudfunctions', 'scripts', 'tests'] as const;
type Layer = (typeof LAYERS)[number];

const configHost: ts.ParseConfigFileHost = {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
};

/** A tsconfig as tsc reads it (extends followed, include globbed). */
function readConfig(file: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, file), undefined, configHost);
  if (!parsed) throw new Error(`cannot read ${file}`);
  const errors = parsed.errors.filter((e) => e.code !== 18003); // 18003: no inputs (a solution file)
  if (errors.length) throw new Error(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'));
  return parsed;
}

/** The layer's options for a one-off program: type-check only, nothing written. */
function checkOnly(options: ts.CompilerOptions): ts.CompilerOptions {
  return { ...options, composite: false, declaration: false, emitDeclarationOnly: false, incremental: false, tsBuildInfoFile: undefined, noEmit: true };
}

/** Small files that each use one kind of global; which of them compile says which globals a layer has. */
const PROBES = {
  nodeModule: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  processEnv: 'export const secret = process.env.HONGLIN_SECRET;\n',
  processExit: 'export const stop = () => process.exit(1);\n',
  buffer: "export const bytes = Buffer.from('x');\n",
  dom: 'export const title = () => document.title;\n',
  taroEnv: 'export const platform = process.env.TARO_ENV;\n',
  pure: 'export const total = [1, 2, 3].reduce((a, b) => a + b, 0);\n',
};
type Probe = keyof typeof PROBES;

/**
 * Compiles every probe as a file of the layer's folder, with the layer's compiler options and its
 * ambient declarations (the mini-program's types/), and returns the probes that failed.
 */
function failingProbes(layer: Layer): Probe[] {
  const config = readConfig(join(layer, 'tsconfig.json'));
  const options = checkOnly(config.options);
  const probeFile = (name: string) => join(root, layer, `__probe_${name}__.ts`).replace(/\\/g, '/');
  const sources = new Map(Object.entries(PROBES).map(([name, text]) => [probeFile(name), text]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => sources.has(f) || fileExists.call(host, f);
  host.readFile = (f) => sources.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, ...rest) => {
    const text = sources.get(f);
    return text === undefined ? getSourceFile.call(host, f, language, ...rest) : ts.createSourceFile(f, text, language);
  };
  const ambient = config.fileNames.filter((f) => /\.d\.ts$/.test(f));
  const program = ts.createProgram({ rootNames: [...ambient, ...sources.keys()], options, host });
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (global.length) throw new Error(global.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return (Object.keys(PROBES) as Probe[]).filter((name) => {
    const file = program.getSourceFile(probeFile(name));
    if (!file) throw new Error(`probe ${name} not in the program`);
    return program.getSyntacticDiagnostics(file).length + program.getSemanticDiagnostics(file).length > 0;
  });
}

/** Every file of the layer's real program, its imports and type packages followed (nothing checked). */
function programFiles(layer: Layer): string[] {
  const config = readConfig(join(layer, 'tsconfig.json'));
  const program = ts.createProgram({ rootNames: config.fileNames, options: checkOnly(config.options) });
  return program.getSourceFiles().map((f) => f.fileName);
}

const nodeTypes = (files: string[]) => files.filter((f) => f.includes('/node_modules/@types/node/'));
const domLib = (files: string[]) => files.filter((f) => /\/lib\.dom(\.[a-z]+)?\.d\.ts$/.test(f));

describe('tsconfig layers', () => {
  jest.setTimeout(180_000);

  it('npm run typecheck builds every layer', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.typecheck).toBe('tsc -b tsconfig.layers.json');
    const solution = readConfig('tsconfig.layers.json');
    expect(solution.fileNames).toEqual([]);
    expect((solution.projectReferences ?? []).map((r) => r.path.replace(/\\/g, '/'))).toEqual(LAYERS.map((l) => join(root, l).replace(/\\/g, '/')));
  });

  it('leaves no file of the root tsconfig.json (what tsx and the editor see) outside every layer', () => {
    const inLayers = new Set(LAYERS.flatMap((l) => readConfig(join(l, 'tsconfig.json')).fileNames));
    expect(readConfig('tsconfig.json').fileNames.filter((f) => !inLayers.has(f))).toEqual([]);
  });

  it('mini-program: DOM and Taro, no Node (process.env.TARO_ENV, the constant Taro replaces at build time, is all it has of process)', () => {
    expect(failingProbes('miniprogram')).toEqual(['nodeModule', 'processEnv', 'processExit', 'buffer']);
  });

  it('cloud functions and scripts: Node, no DOM', () => {
    expect(failingProbes('cloudfunctions')).toEqual(['dom']);
    expect(failingProbes('scripts')).toEqual(['dom']);
  });

  it('shared: neither Node nor DOM, plain ECMAScript', () => {
    expect(failingProbes('shared')).toEqual(['nodeModule', 'processEnv', 'processExit', 'buffer', 'dom', 'taroEnv']);
  });

  it('tests: Node, jest and DOM', () => {
    expect(failingProbes('tests')).toEqual([]);
  });

  it('no package pulls Node types into the mini-program or shared/, nor the DOM into functions or shared/', () => {
    const client = programFiles('miniprogram');
    expect(client.length).toBeGreaterThan(100);
    expect(nodeTypes(client)).toEqual([]);
    const functions = programFiles('cloudfunctions');
    expect(domLib(functions)).toEqual([]);
    const shared = programFiles('shared');
    expect([...nodeTypes(shared), ...domLib(shared)]).toEqual([]);
  });
});
