import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

/** Runs the project's own ESLint (a child process: ESLint loads its config as ESM). */
function lint(...paths: string[]): LintResult[] {
  const run = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--no-ignore', '--format', 'json', ...paths], { cwd: root, encoding: 'utf8' });
  if (!run.stdout) throw new Error(`eslint produced no report: ${run.stderr}`);
  return JSON.parse(run.stdout) as LintResult[];
}

const layerMessages = (results: LintResult[]) =>
  results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message));

/** The layer rule must be a real gate: it passes the source and fails a file that breaks it. */
describe('layer rule', () => {
  it('refuses shared/ code that imports Node I/O, CloudBase, Taro or a cloud function', () => {
    const messages = layerMessages(lint('tests/fixtures/layer-violation/shared/impure.ts'));
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('no Node I/O'),
        expect.stringContaining('no CloudBase'),
        expect.stringContaining('no Taro'),
        expect.stringContaining('layers above'),
      ]),
    );
  });

  it('refuses a _core/ file that imports the functions or the scheduler above it', () => {
    const messages = layerMessages(lint('tests/fixtures/layer-violation/cloudfunctions/_core/upward.ts'));
    expect(messages.filter((m) => m.includes('_core/ never imports'))).toHaveLength(2);
  });

  it('finds no upward import in the real cloudfunctions/_core folder', () => {
    expect(layerMessages(lint('cloudfunctions/_core'))).toEqual([]);
  });

  it('refuses a page that imports a cloud function', () => {
    expect(layerMessages(lint('tests/fixtures/layer-violation/miniprogram/page.tsx')).some((m) => m.includes('services/'))).toBe(true);
  });

  it('finds no layer violation in the real shared/ and miniprogram/ folders', () => {
    expect(layerMessages(lint('shared', 'miniprogram'))).toEqual([]);
  });
});
