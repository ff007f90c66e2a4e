/**
 * Reads what a CloudBase environment has, through @cloudbase/manager-node's describe calls only
 * (ListFunctions, GetFunction, ListTables, DescribeTable, DescribeDatabaseACL,
 * DescribeStorageSafeRule, DescribeCloudBaseGWAPI, DescribeStaticStore): nothing here changes anything.
 * Variable values are read so that they can be merged and compared; they are never printed.
 */
import type CloudBase from '@cloudbase/manager-node';
import { codeHashOf, type Actual, type ActualFunction, type ActualIndex, type ActualTrigger } from './deploy-plan';

/** The describe actions the reader may send: the dry run's test checks nothing else was. */
export const READ_ACTIONS = [
  'DescribeEnvInfo',
  'ListFunctions',
  'GetFunction',
  'ListTables',
  'DescribeTable',
  'DescribeDatabaseACL',
  'DescribeStorageSafeRule',
  'DescribeCloudBaseGWAPI',
  'DescribeStaticStore',
] as const;

/** A timer's TriggerDesc comes back as `{"cron":"…"}`; a trigger created with a bare cron keeps it bare. */
function triggerConfig(desc: string | undefined): string {
  try {
    const parsed = JSON.parse(desc ?? '') as { cron?: string };
    if (parsed && typeof parsed.cron === 'string') return parsed.cron;
  } catch {
    /* a bare cron */
  }
  return desc ?? '';
}

export async function readFunction(manager: CloudBase, name: string): Promise<ActualFunction> {
  const d = await manager.functions.getFunctionDetail(name);
  const variables = Object.fromEntries((d.Environment?.Variables ?? []).map((v: { Key: string; Value: string }) => [v.Key, v.Value]));
  const triggers: ActualTrigger[] = (d.Triggers ?? []).map((t) => ({ name: t.TriggerName ?? t.Name, type: t.Type, config: triggerConfig(t.TriggerDesc ?? t.Config) }));
  return {
    name,
    runtime: d.Runtime,
    handler: d.Handler,
    timeout: Number(d.Timeout),
    memorySize: Number(d.MemorySize),
    installDependency: d.InstallDependency === 'TRUE',
    codeHash: codeHashOf(d.Description),
    variables,
    triggers,
  };
}

export async function readIndexes(manager: CloudBase, collection: string): Promise<ActualIndex[]> {
  const described = (await manager.database.describeCollection(collection)) as {
    Indexes?: Array<{ Name: string; Unique?: boolean; Keys?: Array<{ Name: string; Direction: string | number }> }>;
  };
  return (described.Indexes ?? []).map((ix) => ({
    name: ix.Name,
    fields: (ix.Keys ?? []).map((k) => [k.Name, Number(k.Direction) === -1 ? -1 : 1] as const),
    unique: Boolean(ix.Unique),
  }));
}

export async function readEnvironment(
  manager: CloudBase,
  envId: string,
  functionNames: readonly string[],
  collectionNames: readonly string[],
  routes: readonly string[],
): Promise<Actual> {
  const listed = await manager.functions.listAllFunctions({ envId });
  const existing = new Set(listed.map((f) => f.FunctionName!));
  const functions: Actual['functions'] = {};
  for (const name of functionNames) if (existing.has(name)) functions[name] = await readFunction(manager, name);
  const otherFunctions = [...existing].filter((n) => !functionNames.includes(n)).sort();

  const tables = new Set<string>();
  for (let offset = 0; ; offset += 100) {
    const page = (await manager.database.listCollections({ MgoLimit: 100, MgoOffset: offset })) as { Collections?: Array<{ CollectionName: string }>; Pager?: { Total?: number } };
    for (const c of page.Collections ?? []) tables.add(c.CollectionName);
    if ((page.Collections ?? []).length < 100) break;
  }
  const tcb = manager.commonService('tcb');
  const collections: Actual['collections'] = {};
  for (const name of collectionNames) {
    if (!tables.has(name)) continue;
    const { AclTag } = (await tcb.call({ Action: 'DescribeDatabaseACL', Param: { EnvId: envId, CollectionName: name } })) as { AclTag?: string };
    collections[name] = { indexes: await readIndexes(manager, name), acl: AclTag ?? null };
  }

  const presentRoutes: string[] = [];
  for (const path of routes) {
    const { APISet } = await manager.access.getAccessList({ path });
    if ((APISet ?? []).some((a) => a.Path === path)) presentRoutes.push(path);
  }

  const storage = (await manager.storage.getStorageAcl({ withRule: true })) as { acl: string; rule?: unknown };
  // Unknown (null) rather than "not enabled" when the hosting service cannot be described.
  const hostings = await manager.hosting.getInfo().catch(() => null);
  // manager-node uploads only to a site that is online (not one still being set up, or taken down).
  const site = hostings?.find((h) => h.Status === 'online');
  return {
    read: true,
    functions,
    otherFunctions,
    collections,
    routes: presentRoutes,
    storage: { acl: storage.acl, rule: storage.rule ?? null },
    hosting: hostings === null ? null : site ? { enabled: true, domain: site.CdnDomain } : { enabled: false },
  };
}
