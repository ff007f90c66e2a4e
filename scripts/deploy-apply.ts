/**
 * Performs exactly the steps of a plan (deploy-plan.ts), in an order that keeps the environment
 * working: functions (code, configuration, merged variables), their triggers and routes, then
 * collections, indexes (drops before adds: at most 20 per collection), permissions, the storage rule,
 * the H5 upload. Variable values travel to CloudBase and nowhere else.
 */
import type CloudBase from '@cloudbase/manager-node';
import { COLLECTION_ACL, codeDescription, toCreateIndex, type Actual, type Desired, type Plan, type PlanStep } from './deploy-plan';

export interface ApplyOptions {
  envId: string;
  /** The folder holding one folder per function (bundled, runtime packages shipped). */
  functionRoot: string;
  log: (line: string) => void;
}

/** Deleting a function takes a moment: waits (up to a minute) until the name is free again. */
async function gone(manager: CloudBase, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    try {
      await manager.functions.getFunctionDetail(name);
    } catch (e) {
      if (String((e as { code?: string }).code ?? '').startsWith('ResourceNotFound')) return;
      throw e;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`function ${name} was deleted but still exists after a minute; run the deploy again`);
}

export async function applyPlan(manager: CloudBase, plan: Plan, desired: Desired, actual: Actual, opts: ApplyOptions): Promise<void> {
  const { log } = opts;
  const of = (kind: PlanStep['kind'], target?: string) => plan.steps.filter((s) => s.kind === kind && (target === undefined || s.target === target));
  const done = (s: PlanStep, what = 'done') => log(`  ${s.kind} ${s.action} ${s.target}: ${what}`);

  for (const fn of desired.functions) {
    const fnStep = of('function', fn.name)[0];
    const varStep = of('variables', fn.name)[0];
    const merged = { ...(actual.functions[fn.name]?.variables ?? {}), ...fn.variables };
    const config = {
      name: fn.name,
      runtime: fn.runtime,
      handler: fn.handler,
      timeout: fn.timeout,
      memorySize: fn.memorySize,
      installDependency: fn.installDependency,
      description: codeDescription(fn.codeHash),
    };
    if (fnStep?.action === 'create' || fnStep?.action === 'recreate') {
      if (fnStep.action === 'recreate') {
        await manager.functions.deleteFunction(fn.name);
        await gone(manager, fn.name);
      }
      // Creates the function with its triggers (manager-node waits for it to be active).
      await manager.functions.createFunction({
        func: { ...config, triggers: fn.triggers, ...(Object.keys(merged).length ? { envVariables: merged } : {}) },
        functionRootPath: opts.functionRoot,
        force: false,
      });
      done(fnStep, fnStep.action === 'recreate' ? 'deleted and created' : 'created');
      if (varStep) done(varStep, 'set');
      for (const t of of('trigger').filter((s) => s.target.startsWith(`${fn.name}.`))) done(t, 'created with the function');
    } else {
      if (fnStep?.changes?.some((c) => c.startsWith('code ') || c.startsWith('handler ') || c.startsWith('cloud install'))) {
        await manager.functions.updateFunctionCode({ func: config, functionRootPath: opts.functionRoot });
        log(`  function update ${fn.name}: code uploaded`);
      }
      if (fnStep || varStep) {
        // The whole merged set: UpdateFunctionConfiguration replaces a function's variables with the ones it is given.
        await manager.functions.updateFunctionConfig({ ...config, ...(varStep ? { envVariables: merged } : {}) });
        if (fnStep) done(fnStep, 'configuration updated');
        if (varStep) done(varStep, 'merged');
      }
      for (const t of of('trigger').filter((s) => s.target.startsWith(`${fn.name}.`))) {
        const name = t.target.slice(fn.name.length + 1);
        if (t.action === 'replace' || t.action === 'drop') await manager.functions.deleteFunctionTrigger(fn.name, name);
        if (t.action === 'add' || t.action === 'replace')
          await manager.functions.createFunctionTriggers(
            fn.name,
            fn.triggers.filter((x) => x.name === name),
          );
        done(t);
      }
    }
    for (const h of of('http').filter((s) => s.target === fn.route)) {
      await manager.access.createAccess({ path: h.target, name: fn.name, type: 1, auth: false });
      done(h);
    }
  }

  const tcb = manager.commonService('tcb');
  for (const c of desired.collections) {
    for (const s of of('collection', c.name)) {
      await manager.database.createCollection(c.name);
      done(s, 'created');
    }
    const indexSteps = plan.steps.filter((s) => s.kind === 'index' && s.target.startsWith(`${c.name}.`));
    for (const s of indexSteps.filter((x) => x.action === 'drop' || x.action === 'recreate')) {
      await manager.database.updateCollection(c.name, { DropIndexes: [{ IndexName: s.target.slice(c.name.length + 1) }] });
      if (s.action === 'drop') done(s, 'dropped');
    }
    for (const s of indexSteps.filter((x) => x.action === 'add' || x.action === 'recreate')) {
      const ix = c.indexes.find((x) => x.name === s.target.slice(c.name.length + 1))!;
      await manager.database.updateCollection(c.name, { CreateIndexes: [toCreateIndex(ix)] });
      done(s, s.action === 'recreate' ? 'dropped and created' : 'created');
    }
    for (const s of of('permission', c.name)) {
      await tcb.call({ Action: 'ModifyDatabaseACL', Param: { EnvId: opts.envId, CollectionName: c.name, AclTag: COLLECTION_ACL } });
      done(s, COLLECTION_ACL);
    }
  }

  for (const s of of('storage')) {
    await manager.storage.setStorageAcl('CUSTOM', desired.storageRule as never);
    done(s, 'set');
  }

  for (const s of of('hosting')) {
    if (s.action !== 'upload' || !desired.hosting) {
      done(s, 'skipped');
      continue;
    }
    await manager.hosting.uploadFiles({ localPath: desired.hosting.dir, cloudPath: '' });
    done(s, 'uploaded');
  }
}
