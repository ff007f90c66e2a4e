import { codeHashOf, desiredFunction, diffPlan, EMPTY_ENVIRONMENT, formatPlan, planHasDrops, RUNTIME, STORAGE_RULE, type Actual, type Desired } from '../../scripts/deploy-plan';
import { stepLine as line } from '../helpers/deploy';

const tick = { name: 'tick', type: 'timer' as const, config: '0 */5 * * * * *' };

/** A desired state of two functions and one collection, with the deployer's variables. */
function desired(variables: Record<string, string>): Desired {
  return {
    functions: [desiredFunction('orders', 'aaaaaaaaaaaa', [], variables), desiredFunction('scheduler', 'bbbbbbbbbbbb', [tick], variables)],
    collections: [{ name: 'orders', indexes: [{ name: 'poster', fields: [['posterId', 1]] }] }],
    storageRule: STORAGE_RULE,
    hosting: null,
  };
}

/** The environment exactly as `d` would leave it, with `cloudVariables` set on every function. */
function applied(d: Desired, cloudVariables: Record<string, string>): Actual {
  return {
    read: true,
    functions: Object.fromEntries(
      d.functions.map((f) => [
        f.name,
        {
          name: f.name,
          runtime: f.runtime,
          handler: f.handler,
          timeout: f.timeout,
          memorySize: f.memorySize,
          installDependency: false,
          codeHash: f.codeHash,
          variables: { ...cloudVariables, ...f.variables },
          triggers: f.triggers.map((t) => ({ name: t.name, type: t.type, config: t.config })),
        },
      ]),
    ),
    otherFunctions: [],
    collections: Object.fromEntries(d.collections.map((c) => [c.name, { acl: 'ADMINONLY', indexes: c.indexes.map((ix) => ({ ...ix, unique: Boolean(ix.unique) })) }])),
    routes: [],
    storage: { acl: 'CUSTOM', rule: { write: STORAGE_RULE.write, read: STORAGE_RULE.read } },
    hosting: { enabled: true },
  };
}

describe('diffPlan', () => {
  it('has nothing to do against the environment it describes', () => {
    const d = desired({ HONGLIN_QR_SECRET: 's' });
    expect(diffPlan(d, applied(d, {})).steps).toEqual([]);
    expect(formatPlan(diffPlan(d, applied(d, {})), 'env-1')).toContain('Nothing to change: the environment matches the code.');
  });

  it('keeps a variable the cloud has and the deployer does not: no step, nothing lost', () => {
    const d = desired({ HONGLIN_TEMPLATE_ORDER_DONE: 't' });
    const plan = diffPlan(d, applied(d, { HONGLIN_QR_SECRET: 'set-in-the-console' }));
    expect(plan.steps).toEqual([]);
  });

  it('adds or changes only the deployer’s variables and names the ones it keeps, never a value', () => {
    const d = desired({ HONGLIN_TEMPLATE_ORDER_DONE: 'new-template' });
    const actual = applied(desired({}), { HONGLIN_QR_SECRET: 'secret-value' });
    actual.functions.orders!.variables.HONGLIN_TEMPLATE_ORDER_DONE = 'old-template';
    const plan = diffPlan(d, actual);
    expect(plan.steps.map(line)).toEqual(['variables change orders', 'variables add scheduler']);
    expect(plan.steps[0]).toMatchObject({ added: [], changed: ['HONGLIN_TEMPLATE_ORDER_DONE'], kept: ['HONGLIN_QR_SECRET'], drop: false });
    const text = formatPlan(plan, 'env-1');
    for (const value of ['new-template', 'old-template', 'secret-value']) expect(text).not.toContain(value);
  });

  it('recreates a function on another runtime (a drop), carrying its variables over and its route and triggers back', () => {
    const d = desired({});
    d.functions[1] = { ...d.functions[1]!, route: '/tick' };
    const actual = applied(d, { HONGLIN_QR_SECRET: 's' });
    actual.functions.scheduler!.runtime = 'Nodejs20.19';
    actual.routes = ['/tick'];
    const plan = diffPlan(d, actual);
    expect(plan.steps.map(line)).toEqual(['function recreate scheduler', 'variables add scheduler', 'trigger add scheduler.tick', 'http add /tick']);
    expect(plan.steps[0]!.detail).toMatch(/^runtime Nodejs20\.19 → Nodejs24\.11 /);
    expect(plan.steps[1]).toMatchObject({ kept: ['HONGLIN_QR_SECRET'] });
    expect(planHasDrops(plan)).toBe(true);
  });

  it('drops what is declared nowhere and recreates what differs; both are drops', () => {
    const d = desired({});
    const actual = applied(d, {});
    actual.collections.orders!.indexes = [
      { name: 'poster', fields: [['posterId', -1]], unique: false },
      { name: 'old', fields: [['x', 1]], unique: false },
    ];
    actual.functions.scheduler!.triggers.push({ name: 'nightly', type: 'timer', config: '0 0 3 * * * *' });
    const plan = diffPlan(d, actual);
    expect(plan.steps.filter((s) => s.drop).map(line)).toEqual(['trigger drop scheduler.nightly', 'index drop orders.old', 'index recreate orders.poster']);
  });

  it('against an empty environment creates everything on Node 24 and drops nothing', () => {
    const plan = diffPlan(desired({}), EMPTY_ENVIRONMENT);
    expect(plan.read).toBe(false);
    expect(plan.steps.filter((s) => s.kind === 'function').every((s) => s.action === 'create' && s.detail.startsWith(`runtime ${RUNTIME}`))).toBe(true);
    expect(planHasDrops(plan)).toBe(false);
    expect(formatPlan(plan, undefined)).toMatch(/^deploy plan against an EMPTY environment/);
  });

  it('finds the code hash in a function’s description, and none in another', () => {
    expect(codeHashOf('Honglin code 0123456789ab')).toBe('0123456789ab');
    expect(codeHashOf('created in the console')).toBeNull();
  });
});
