import * as z from 'zod';
import type { ErrorCode } from '../errors';
import { accountsApi } from '../accounts/accounts.contract';
import { compoundsApi } from '../compounds/compounds.contract';
import { councilsApi } from '../councils/councils.contract';
import { liuyouApi } from '../liuyou/liuyou.contract';
import { open311Api } from '../open311/open311.contract';
import { dashboardsApi } from '../dashboard/dashboard.contract';
import { ordersApi } from '../orders/orders.contract';
import { privacyApi } from '../privacy/privacy.contract';
import { serviceApi } from '../service/service.contract';
import { stationsApi } from '../stations/stations.contract';
import { spec, type ActionSpec } from './spec';

/**
 * The API contract: every cloud function, its actions, their input and output schemas and the
 * errors each may answer with besides the common ones. The handlers, the mini-program's typed
 * services and docs/api.md are all derived from this one object.
 */
export type { ActionSpec };

/** Errors any action can answer with. */
export const COMMON_ERRORS: readonly ErrorCode[] = ['COMMON.INVALID_INPUT', 'COMMON.UNKNOWN_ACTION', 'COMMON.UNAUTHENTICATED', 'COMMON.RATE_LIMITED'];

export const TickInput = z.object({ at: z.iso.datetime({ offset: true }).optional() }).strict();
export const TickOutput = z.object({ at: z.string(), jobs: z.record(z.string(), z.number().int()) });

export const api = {
  accounts: accountsApi,
  orders: ordersApi,
  stations: stationsApi,
  service: serviceApi,
  councils: councilsApi,
  liuyou: liuyouApi,
  dashboards: dashboardsApi,
  open311: open311Api,
  privacy: privacyApi,
  compounds: compoundsApi,
  scheduler: {
    tick: spec({
      summary: '定时任务：派单过期改派、超时上报、7 天未评价自动办结、邀请码过期、会议提醒、纪要提醒、决议工单进度、六有整改任务逾期提醒、个人信息到期清理；本地可指定时刻',
      kind: 'write',
      input: TickInput,
      output: TickOutput,
      errors: ['COMMON.FORBIDDEN'],
    }),
  },
} as const;

export type Api = typeof api;

/** Every `function.action` that may change stored data: each replays a repeated requestId. */
export function writeActions(): { fn: FunctionName; action: string }[] {
  return (Object.entries(api) as [FunctionName, Record<string, ActionSpec>][]).flatMap(([fn, actions]) =>
    Object.entries(actions)
      .filter(([, s]) => s.kind === 'write')
      .map(([action]) => ({ fn, action })),
  );
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
type SpecOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends ActionSpec<infer I, infer O> ? { input: I; output: O } : never;
/** What a client sends: the schema's input side (defaults may be left out). */
export type ApiInput<F extends FunctionName, A extends ActionName<F>> = z.input<SpecOf<F, A>['input']>;
export type ApiOutput<F extends FunctionName, A extends ActionName<F>> = z.output<SpecOf<F, A>['output']>;
