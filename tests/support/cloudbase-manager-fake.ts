/**
 * A fake CloudBase environment for the deploy, plugged in under the REAL @cloudbase/manager-node: it
 * answers the Tencent Cloud API requests manager-node sends (its one HTTP call, `fetch` in
 * lib/utils/http-request.js, replaced here) — `tcb` actions (functions list, tables, ACLs, storage
 * rule, HTTP access, static hosting) and `scf` actions (GetFunction, CreateFunction, UpdateFunctionCode,
 * UpdateFunctionConfiguration, triggers) — with the shapes those APIs return, and takes the function
 * zips manager-node uploads to COS (cos-nodejs-sdk's sliceUploadFile, replaced) and the files
 * `hosting.uploadFiles` puts into the static hosting bucket (cos-nodejs-sdk's uploadFiles, and putObject
 * for folder markers and serial retries, replaced): those are kept, by key, in `hostedFiles`.
 *
 * Loaded into a deploy run with `node --import tsx --import <this file>` and HONGLIN_MANAGER_FAKE set
 * to a JSON state file: the state is read at start and written back at exit, so a test seeds an
 * environment, runs the real script, and looks at what is left. What it proves: our plan, our reader
 * and applier and manager-node's parameters fit together, and which calls are made. What it cannot
 * prove: the live service's behaviour (its limits, its timing, its error codes beyond these).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface FakeFunction {
  Runtime: string;
  Handler: string;
  Timeout: number;
  MemorySize: number;
  InstallDependency: 'TRUE' | 'FALSE';
  Description: string;
  Variables: Record<string, string>;
  /** TriggerDesc as SCF returns it for a timer: `{"cron":"…"}`. */
  Triggers: Array<{ TriggerName: string; Type: string; TriggerDesc: string }>;
  /** How many code packages were uploaded for it, and the last one's size. */
  CodeUploads: number;
}

export interface FakeIndex {
  Name: string;
  Unique: boolean;
  Keys: Array<{ Name: string; Direction: string }>;
}

export interface FakeEnvironment {
  envId: string;
  functions: Record<string, FakeFunction>;
  collections: Record<string, { indexes: FakeIndex[]; acl: string }>;
  routes: Array<{ Path: string; Name: string; Type: number; AuthSwitch: number }>;
  storage: { AclTag: string; Rule?: string };
  /** What DescribeStaticStore returns (`Regoin` is the API's spelling); empty: static hosting is not enabled. */
  hosting: Array<{ EnvId: string; CdnDomain: string; Bucket: string; Regoin: string; Status: string }>;
  /** The objects put into the static hosting bucket: key → content, base64. Absent until the first one. */
  hostedFiles?: Record<string, string>;
  /** Every action received, in order: `scf:GetFunction`, `tcb:ListTables`, … */
  calls: string[];
}

export const readEnvironmentFile = (file: string): FakeEnvironment => JSON.parse(readFileSync(file, 'utf8')) as FakeEnvironment;
export const writeEnvironmentFile = (file: string, env: FakeEnvironment) => writeFileSync(file, JSON.stringify(env, null, 2));

/** The environment without the call log: what the deploy changed or did not. */
export const stateOf = (env: FakeEnvironment) => ({ ...env, calls: undefined });

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const appId = '1250000000';

/** One Tencent Cloud API action against the state. */
export function answer(state: FakeEnvironment, service: string, action: string, p: Record<string, any>): Record<string, unknown> {
  state.calls.push(`${service}:${action}`);
  const fn = (name: string) => {
    const f = state.functions[name];
    if (!f) throw new ApiError('ResourceNotFound.Function', `function ${name} does not exist`);
    return f;
  };
  const table = (name: string) => {
    const t = state.collections[name];
    if (!t) throw new ApiError('ResourceNotFound.TableNotExist', `table ${name} does not exist`);
    return t;
  };
  const vars = (env: { Variables?: Array<{ Key: string; Value: string }> } | undefined) => Object.fromEntries((env?.Variables ?? []).map((v) => [v.Key, v.Value]));
  const addTriggers = (name: string, json: string) => {
    const f = fn(name);
    for (const t of JSON.parse(json) as Array<{ TriggerName: string; Type: string; TriggerDesc: string }>) {
      if (f.Triggers.some((x) => x.TriggerName === t.TriggerName)) throw new ApiError('ResourceInUse.Trigger', `trigger ${t.TriggerName} exists`);
      f.Triggers.push({ TriggerName: t.TriggerName, Type: t.Type, TriggerDesc: JSON.stringify({ cron: t.TriggerDesc }) });
    }
  };

  switch (`${service}:${action}`) {
    case 'tcb:DescribeEnvInfo':
      return {
        EnvInfo: {
          EnvBaseInfo: {
            EnvId: state.envId,
            Alias: 'fake',
            Status: 'NORMAL',
            Databases: [{ InstanceId: 'fake-db', Region: 'ap-shanghai', Status: 'RUNNING' }],
            Storages: [{ Bucket: `fake-${appId}`, Region: 'ap-shanghai', AppId: appId }],
            Functions: [{ Namespace: state.envId, Region: 'ap-shanghai' }],
            LogServices: [],
            StaticStorages: [],
          },
          UserInfo: { AppId: appId },
        },
      };
    case 'tcb:ListFunctions': {
      const names = Object.keys(state.functions).sort();
      const page = names.slice(p.Offset ?? 0, (p.Offset ?? 0) + (p.Limit ?? 20));
      return { Functions: page.map((n) => ({ FunctionName: n, Runtime: state.functions[n]!.Runtime, Status: 'Active' })), TotalCount: names.length };
    }
    case 'scf:GetFunction': {
      const f = fn(p.FunctionName);
      return {
        FunctionName: p.FunctionName,
        Namespace: state.envId,
        Runtime: f.Runtime,
        Handler: f.Handler,
        Timeout: f.Timeout,
        MemorySize: f.MemorySize,
        InstallDependency: f.InstallDependency,
        Description: f.Description,
        Status: 'Active',
        Environment: { Variables: Object.entries(f.Variables).map(([Key, Value]) => ({ Key, Value })) },
        Triggers: f.Triggers.map((t) => ({ ...t, Enable: 1, AvailableStatus: 'Available' })),
        VpcConfig: { VpcId: '', SubnetId: '' },
      };
    }
    case 'scf:CreateFunction': {
      if (state.functions[p.FunctionName]) throw new ApiError('ResourceInUse.Function', `function ${p.FunctionName} exists`);
      if (!p.Code) throw new ApiError('InvalidParameterValue.Code', 'no code');
      state.functions[p.FunctionName] = {
        Runtime: p.Runtime,
        Handler: p.Handler,
        Timeout: p.Timeout ?? 3,
        MemorySize: p.MemorySize ?? 128,
        InstallDependency: p.InstallDependency ?? 'FALSE',
        Description: p.Description ?? '',
        Variables: vars(p.Environment),
        Triggers: [],
        CodeUploads: 1,
      };
      return {};
    }
    case 'scf:UpdateFunctionCode': {
      const f = fn(p.FunctionName);
      if (!p.Code) throw new ApiError('InvalidParameterValue.Code', 'no code');
      Object.assign(f, { Handler: p.Handler ?? f.Handler, InstallDependency: p.InstallDependency ?? f.InstallDependency, CodeUploads: f.CodeUploads + 1 });
      return {};
    }
    case 'scf:UpdateFunctionConfiguration': {
      const f = fn(p.FunctionName);
      if ('Runtime' in p) throw new ApiError('InvalidParameter', 'Runtime cannot be changed');
      for (const k of ['Timeout', 'MemorySize', 'Description', 'InstallDependency'] as const) if (p[k] !== undefined) (f as any)[k] = p[k];
      // Like SCF: the variables given replace the function's set.
      if (p.Environment) f.Variables = vars(p.Environment);
      return {};
    }
    case 'scf:DeleteFunction':
      fn(p.FunctionName);
      delete state.functions[p.FunctionName];
      return {};
    case 'scf:BatchCreateTrigger':
      addTriggers(p.FunctionName, p.Triggers);
      return {};
    case 'scf:DeleteTrigger': {
      const f = fn(p.FunctionName);
      f.Triggers = f.Triggers.filter((t) => t.TriggerName !== p.TriggerName);
      return {};
    }
    case 'scf:GetTempCosInfo':
      return { Date: '20261206', Sign: 'fake-sign' };
    case 'tcb:ListTables': {
      const names = Object.keys(state.collections).sort();
      const page = names.slice(p.MgoOffset ?? 0, (p.MgoOffset ?? 0) + (p.MgoLimit ?? 100));
      return { Tables: page.map((TableName) => ({ TableName, Count: 0, Size: 0, IndexCount: state.collections[TableName]!.indexes.length })), Pager: { Total: names.length } };
    }
    case 'tcb:DescribeTable': {
      const t = table(p.TableName);
      return { IndexNum: t.indexes.length + 1, Indexes: [{ Name: '_id_', Unique: true, Keys: [{ Name: '_id', Direction: '1' }] }, ...t.indexes] };
    }
    case 'tcb:CreateTable':
      if (state.collections[p.TableName]) throw new ApiError('ResourceInUse', `table ${p.TableName} exists`);
      state.collections[p.TableName] = { indexes: [], acl: 'READONLY' };
      return {};
    case 'tcb:UpdateTable': {
      const t = table(p.TableName);
      for (const d of (p.DropIndexes ?? []) as Array<{ IndexName: string }>) {
        if (!t.indexes.some((x) => x.Name === d.IndexName)) throw new ApiError('ResourceNotFound', `index ${d.IndexName} does not exist`);
        t.indexes = t.indexes.filter((x) => x.Name !== d.IndexName);
      }
      for (const c of (p.CreateIndexes ?? []) as Array<{ IndexName: string; MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean } }>) {
        if (t.indexes.some((x) => x.Name === c.IndexName)) throw new ApiError('ResourceInUse', `index ${c.IndexName} exists`);
        if (t.indexes.length >= 20) throw new ApiError('LimitExceeded', 'at most 20 indexes');
        t.indexes.push({ Name: c.IndexName, Unique: c.MgoKeySchema.MgoIsUnique, Keys: c.MgoKeySchema.MgoIndexKeys });
      }
      return {};
    }
    case 'tcb:DescribeDatabaseACL':
      return { AclTag: table(p.CollectionName).acl };
    case 'tcb:ModifyDatabaseACL':
      table(p.CollectionName).acl = p.AclTag;
      return {};
    case 'tcb:DescribeStorageSafeRule':
      return { ...state.storage };
    case 'tcb:ModifyStorageSafeRule':
      state.storage = { AclTag: p.AclTag, ...(p.Rule ? { Rule: p.Rule } : {}) };
      return {};
    case 'tcb:DescribeCloudBaseGWAPI': {
      const set = state.routes.filter((r) => (!p.Path || r.Path === p.Path) && (!p.Name || r.Name === p.Name));
      return { APISet: set.map((r) => ({ ...r, ServiceId: state.envId, EnvId: state.envId })), Total: set.length, EnableService: true };
    }
    case 'tcb:CreateCloudBaseGWAPI':
      if (state.routes.some((r) => r.Path === p.Path)) throw new ApiError('ResourceInUse', `path ${p.Path} exists`);
      state.routes.push({ Path: p.Path, Name: p.Name, Type: p.Type, AuthSwitch: p.AuthSwitch });
      return { APIId: `api-${state.routes.length}` };
    case 'tcb:DeleteCloudBaseGWAPI':
      state.routes = state.routes.filter((r) => !(r.Name === p.Name));
      return {};
    case 'tcb:DescribeStaticStore':
      return { Data: state.hosting };
    default:
      throw new ApiError('UnsupportedOperation', `the fake does not answer ${service}:${action}`);
  }
}

type CosCallback = (err: unknown, data?: unknown) => void;

/**
 * One object put into a bucket. Only the static hosting bucket (online) takes objects here: anything else
 * fails like COS does for a bucket the caller cannot write.
 */
function putHosted(state: FakeEnvironment, p: { Bucket: string; Region: string; Key: string }, body: Buffer): Record<string, unknown> {
  state.calls.push(`cos:put ${p.Bucket} ${p.Key} ${body.length}`);
  const site = state.hosting.find((h) => h.Bucket === p.Bucket && h.Regoin === p.Region && h.Status === 'online');
  if (!site) throw Object.assign(new Error(`the fake has no writable bucket ${p.Bucket} in ${p.Region}`), { code: 'NoSuchBucket', statusCode: 404 });
  (state.hostedFiles ??= {})[p.Key] = body.toString('base64');
  return { statusCode: 200, ETag: `"fake-${body.length}"`, Location: `${p.Bucket}.cos.${p.Region}.myqcloud.com/${p.Key}` };
}

async function bodyOf(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string' || Buffer.isBuffer(body)) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Replaces manager-node's HTTP call (and COS uploads) with answers from `state`. */
export function install(state: FakeEnvironment): void {
  const managerRequire = createRequire(require.resolve('@cloudbase/manager-node'));
  const http = managerRequire('./utils/http-request') as { fetch: (url: string, config: { headers: Record<string, string>; body?: string }) => Promise<unknown> };
  http.fetch = async (url, config) => {
    const service = new URL(url).host.split('.')[0]!;
    const action = config.headers['X-TC-Action']!;
    const params = config.body ? (JSON.parse(config.body) as Record<string, unknown>) : {};
    try {
      return { Response: { ...answer(state, service, action, params), RequestId: `fake-${state.calls.length}` } };
    } catch (e) {
      if (e instanceof ApiError) return { Response: { Error: { Code: e.code, Message: e.message }, RequestId: `fake-${state.calls.length}` } };
      throw e;
    }
  };
  const COS = managerRequire('cos-nodejs-sdk-v5') as { prototype: Record<string, unknown> };
  COS.prototype.sliceUploadFile = function (params: { Key: string; FilePath: string }, callback: (err: unknown, data?: unknown) => void) {
    state.calls.push(`cos:upload ${params.Key} ${statSync(params.FilePath).size}`);
    setImmediate(() => callback(null, { Key: params.Key.replace(/^\//, ''), statusCode: 200 }));
  };
  // Static hosting: files in batches (uploadFiles), folder markers and serial retries one by one (putObject).
  COS.prototype.putObject = function (params: { Bucket: string; Region: string; Key: string; Body?: unknown }, callback: CosCallback) {
    bodyOf(params.Body).then(
      (body) => {
        try {
          callback(null, putHosted(state, params, body));
        } catch (e) {
          callback(e);
        }
      },
      (e: unknown) => callback(e),
    );
  };
  COS.prototype.uploadFiles = function (
    params: { files: Array<{ Bucket: string; Region: string; Key: string; FilePath: string }>; onFileFinish?: (err: unknown, data: unknown, file: unknown) => void },
    callback: CosCallback,
  ) {
    const files = params.files.map((file) => {
      try {
        const data = putHosted(state, file, readFileSync(file.FilePath));
        params.onFileFinish?.(null, data, file);
        return { options: file, error: null, data };
      } catch (error) {
        params.onFileFinish?.(error, null, file);
        return { options: file, error, data: null };
      }
    });
    setImmediate(() => callback(null, { files, statusCode: 200 }));
  };
  // manager-node polls a function's status every second until it is active; this fake is active at once.
  const setIntervalReal = global.setInterval;
  global.setInterval = ((fn: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => setIntervalReal(fn, ms === 1000 ? 5 : ms, ...rest)) as typeof setInterval;
}

const stateFile = process.env.HONGLIN_MANAGER_FAKE;
if (stateFile && existsSync(stateFile)) {
  const state = readEnvironmentFile(stateFile);
  install(state);
  process.on('exit', () => writeEnvironmentFile(stateFile, state));
}
