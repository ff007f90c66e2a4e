// The messages of the codes this contract's actions answer with: every bundle that serves them carries them.
import './accounts.errors';
import { spec } from '../api/spec';
import * as A from './accounts.schema';
import * as W from './web-login.schema';

/** The accounts' block of the API contract: the profile, roles, invites, the tree, messages, 扫码登录 on a PC. */
export const accountsApi = {
  me: spec({
    summary: '我的资料：第一次调用时登记为居民',
    kind: 'read',
    input: A.MeInput,
    output: A.MeOutput,
    errors: [],
  }),
  updateProfile: spec({
    summary: '修改资料：姓名、手机号（需同意）、住址（楼栋+门牌，网格由楼栋得出）、长辈版',
    kind: 'write',
    input: A.UpdateProfileInput,
    output: A.UpdateProfileOutput,
    errors: ['ACCOUNT.PHONE_CONSENT_REQUIRED', 'ACCOUNT.BUILDING_NOT_FOUND', 'COMMON.CONFLICT'],
  }),
  createInvite: spec({
    summary: '上一级管理员生成一次性、会过期的角色邀请码',
    kind: 'write',
    input: A.CreateInviteInput,
    output: A.CreateInviteOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'ACCOUNT.ROLE_NOT_GRANTABLE', 'ACCOUNT.ROLE_NODE_MISMATCH', 'COMMON.FORBIDDEN'],
  }),
  redeemInvite: spec({
    summary: '兑换邀请码，获得角色',
    kind: 'write',
    input: A.RedeemInviteInput,
    output: A.RedeemInviteOutput,
    errors: ['INVITE.NOT_FOUND', 'INVITE.ALREADY_REDEEMED', 'INVITE.EXPIRED', 'INVITE.REVOKED', 'ACCOUNT.ROLE_ALREADY_HELD', 'COMMON.CONFLICT'],
  }),
  listMembers: spec({
    summary: '管理员查看本辖区的成员（角色或住户），手机号打码',
    kind: 'read',
    input: A.ListMembersInput,
    output: A.ListMembersOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
  revealContact: spec({
    summary: '本辖区管理员查看某人完整手机号（留痕）',
    kind: 'read',
    input: A.RevealContactInput,
    output: A.RevealContactOutput,
    errors: ['COMMON.NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
  tree: spec({
    summary: '辖区树：街道、社区、网格、微网格、楼栋、党群服务站',
    kind: 'read',
    input: A.TreeInput,
    output: A.TreeOutput,
    errors: [],
  }),
  inbox: spec({
    summary: '消息：派单、接单、办结请评价、差评复核、上报等通知，最新在前',
    kind: 'read',
    input: A.InboxInput,
    output: A.InboxOutput,
    errors: [],
  }),
  personas: spec({
    summary: '本地演示：可切换的身份列表',
    kind: 'read',
    input: A.PersonasInput,
    output: A.PersonasOutput,
    errors: ['COMMON.LOCAL_ONLY'],
    localOnly: true,
  }),
  startWebLogin: spec({
    summary: '电脑扫码登录：生成登录二维码（无需登录；二维码 2 分钟内有效，密钥只返回这一次）',
    kind: 'write',
    input: W.StartWebLoginInput,
    output: W.StartWebLoginOutput,
    errors: ['COMMON.RATE_LIMITED'],
    shownOnce: ['secret'],
  }),
  confirmWebLogin: spec({
    summary: '在小程序里确认电脑登录（网格长、社区书记、街道管理员；只能在小程序里确认）',
    kind: 'write',
    input: W.ConfirmWebLoginInput,
    output: W.ConfirmWebLoginOutput,
    errors: [
      'ACCOUNTS.LOGIN_TICKET_NOT_FOUND',
      'ACCOUNTS.LOGIN_TICKET_EXPIRED',
      'ACCOUNTS.LOGIN_TICKET_USED',
      'ACCOUNTS.WEB_LOGIN_NOT_ALLOWED',
      'ACCOUNTS.NOT_ON_WEB',
      'COMMON.CONFLICT',
    ],
  }),
  pollWebLogin: spec({
    summary: '电脑等待确认：确认后返回一次电脑登录凭证（无需登录，凭二维码的密钥）',
    kind: 'write',
    input: W.PollWebLoginInput,
    output: W.PollWebLoginOutput,
    errors: ['ACCOUNTS.LOGIN_TICKET_NOT_FOUND', 'ACCOUNTS.LOGIN_TICKET_USED'],
    shownOnce: ['token'],
  }),
  listWebSessions: spec({
    summary: '我的电脑登录：设备、登录时间、最近使用',
    kind: 'read',
    input: W.ListWebSessionsInput,
    output: W.ListWebSessionsOutput,
    errors: [],
  }),
  revokeWebSession: spec({
    summary: '退出一个电脑登录（手机上的列表或电脑上的“退出登录”）',
    kind: 'write',
    input: W.RevokeWebSessionInput,
    output: W.RevokeWebSessionOutput,
    errors: ['ACCOUNTS.SESSION_NOT_FOUND', 'ACCOUNTS.SESSION_ALREADY_ENDED', 'COMMON.CONFLICT'],
  }),
} as const;
