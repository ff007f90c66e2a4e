import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { PlanStep } from '../../scripts/deploy-plan';

const root = join(__dirname, '..', '..');
const noNetwork = join(root, 'tests', 'support', 'no-network.cjs');
const fake = join(root, 'tests', 'support', 'cloudbase-manager-fake.ts');

/** The environment without any CloudBase credentials or settings. */
export const bareEnv = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TCB_|TENCENTCLOUD_|HONGLIN_)/.test(k)));

/**
 * Runs `npm run deploy`'s script in this Node with the network refused and, when the environment names
 * a state file (`HONGLIN_MANAGER_FAKE`), against the fake CloudBase environment it holds.
 */
export function deployScript(args: string[], env: NodeJS.ProcessEnv) {
  const preload = env.HONGLIN_MANAGER_FAKE ? ['--import', fake] : [];
  return spawnSync(process.execPath, ['--require', noNetwork, '--import', 'tsx', ...preload, join(root, 'scripts', 'deploy.ts'), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
}

/** A plan step as one line: `index drop users.old`. */
export const stepLine = (s: Pick<PlanStep, 'kind' | 'action' | 'target'>): string => `${s.kind} ${s.action} ${s.target}`;
