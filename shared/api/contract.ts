import { z } from 'zod';
import type { ErrorCode } from '../errors';
import * as A from '../accounts/accounts.schema';

/**
 * The API contract: every cloud function, its actions, their input and output schemas and the
 * errors each may answer with besides the common ones. The handlers, the mini-program's typed
 * services and docs/api.md are all derived from this one object.
 */
export interface ActionSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  input: I;
  output: O;
  errors: readonly ErrorCode[];
  /** Only the local gateway serves it (demo persona list, moving the clock). */
  localOnly?: boolean;
}

const spec = <I extends z.ZodType, O extends z.ZodType>(s: ActionSpec<I, O>) => s;

/** Errors any action can answer with. */
export const COMMON_ERRORS: readonly ErrorCode[] = [
  'COMMON.INVALID_INPUT',
  'COMMON.UNKNOWN_ACTION',
  'COMMON.UNAUTHENTICATED',
  'COMMON.RATE_LIMITED',
];

export const TickInput = z.object({ at: z.iso.datetime({ offset: true }).optional() }).strict();
export const TickOutput = z.object({ at: z.string(), jobs: z.record(z.string(), z.number().int()) });

export const api = {
  accounts: {
    me: spec({
      summary: '我的资料：第一次调用时登记为居民',
      input: A.MeInput,
      output: A.MeOutput,
      errors: [],
    }),
    updateProfile: spec({
      summary: '修改资料：姓名、手机号（需同意）、住址（楼栋+门牌，网格由楼栋得出）、长辈版',
      input: A.UpdateProfileInput,
      output: A.UpdateProfileOutput,
      errors: ['ACCOUNT.PHONE_CONSENT_REQUIRED', 'ACCOUNT.BUILDING_NOT_FOUND', 'COMMON.CONFLICT'],
    }),
    createInvite: spec({
      summary: '上一级管理员生成一次性、会过期的角色邀请码',
      input: A.CreateInviteInput,
      output: A.CreateInviteOutput,
      errors: ['TERRITORY.NODE_NOT_FOUND', 'ACCOUNT.ROLE_NOT_GRANTABLE', 'ACCOUNT.ROLE_NODE_MISMATCH', 'COMMON.FORBIDDEN'],
    }),
    redeemInvite: spec({
      summary: '兑换邀请码，获得角色',
      input: A.RedeemInviteInput,
      output: A.RedeemInviteOutput,
      errors: ['INVITE.NOT_FOUND', 'INVITE.ALREADY_REDEEMED', 'INVITE.EXPIRED', 'INVITE.REVOKED', 'ACCOUNT.ROLE_ALREADY_HELD', 'COMMON.CONFLICT'],
    }),
    listMembers: spec({
      summary: '管理员查看本辖区的成员（角色或住户），手机号打码',
      input: A.ListMembersInput,
      output: A.ListMembersOutput,
      errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
    }),
    revealContact: spec({
      summary: '本辖区管理员查看某人完整手机号（留痕）',
      input: A.RevealContactInput,
      output: A.RevealContactOutput,
      errors: ['COMMON.NOT_FOUND', 'COMMON.FORBIDDEN'],
    }),
    tree: spec({
      summary: '辖区树：街道、社区、网格、微网格、楼栋、党群服务站',
      input: A.TreeInput,
      output: A.TreeOutput,
      errors: [],
    }),
    personas: spec({
      summary: '本地演示：可切换的身份列表',
      input: A.PersonasInput,
      output: A.PersonasOutput,
      errors: ['COMMON.LOCAL_ONLY'],
      localOnly: true,
    }),
  },
  scheduler: {
    tick: spec({
      summary: '定时任务：到点处理（过期邀请码等）；本地可指定时刻',
      input: TickInput,
      output: TickOutput,
      errors: ['COMMON.FORBIDDEN'],
    }),
  },
} as const;

export type Api = typeof api;
export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
type SpecOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends ActionSpec<infer I, infer O> ? { input: I; output: O } : never;
/** What a client sends: the schema's input side (defaults may be left out). */
export type ApiInput<F extends FunctionName, A extends ActionName<F>> = z.input<SpecOf<F, A>['input']>;
export type ApiOutput<F extends FunctionName, A extends ActionName<F>> = z.output<SpecOf<F, A>['output']>;
