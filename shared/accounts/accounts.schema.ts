import * as z from 'zod';
import { PlacePath, NodeView } from '../territory/territory.schema';
import { GRANTED_ROLES, ROLES, type GrantedRole } from './roles';
import { SCOPE_MENUS, type ScopeMenu } from './scopes';

// ---- stored documents -------------------------------------------------------------------------

export const Home = z.object({
  buildingId: z.string(),
  room: z.string(),
  path: PlacePath,
});
export type Home = z.infer<typeof Home>;

export const VolunteerProfile = z.object({
  partyMember: z.boolean(),
  /** 在职党员 reporting under 双报到. */
  inService: z.boolean(),
  workUnit: z.string().optional(),
  partyBranch: z.string().optional(),
  skills: z.array(z.string()),
});
export type VolunteerProfile = z.infer<typeof VolunteerProfile>;

export const User = z.object({
  _id: z.string(),
  openid: z.string(),
  name: z.string(),
  phone: z.string().optional(),
  phoneConsentAt: z.string().optional(),
  home: Home.optional(),
  largeText: z.boolean(),
  volunteer: VolunteerProfile.optional(),
  /** The Beijing day the person last used the app (set by the pipeline, once a day): inactive accounts are found by it. */
  seenOn: z.string().optional(),
  /** When the person was told their unused account will be anonymised (the inactive-account job). */
  inactiveNoticeAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

/** A role held at a node (and below). One document per grant. */
export const Membership = z.object({
  _id: z.string(),
  userId: z.string(),
  role: z.enum(GRANTED_ROLES as [string, ...string[]]),
  nodeId: z.string(),
  nodeKind: z.string(),
  path: PlacePath,
  grantedBy: z.string().nullable(),
  inviteId: z.string().nullable(),
  grantedAt: z.string(),
  version: z.number().int(),
});
export type Membership = Omit<z.infer<typeof Membership>, 'role'> & { role: (typeof GRANTED_ROLES)[number] };

export const INVITE_STATUSES = ['active', 'redeemed', 'revoked', 'expired'] as const;
export type InviteStatus = (typeof INVITE_STATUSES)[number];

export interface Invite {
  _id: string;
  code: string;
  role: (typeof GRANTED_ROLES)[number];
  nodeId: string;
  nodeKind: string;
  path: PlacePath;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  status: InviteStatus;
  redeemedBy?: string;
  redeemedAt?: string;
  revokedAt?: string;
  expiredAt?: string;
  version: number;
}

// ---- inputs -----------------------------------------------------------------------------------

const trimmed = (max: number) => z.string().trim().min(1, '不能为空').max(max, `最多 ${max} 个字`);

/** Mainland mobile numbers: 11 digits starting 1[3-9]. */
export const Phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');
/** Room numbers such as 1-302, 302, 2单元301. */
export const Room = z
  .string()
  .trim()
  .min(1, '请填写门牌号')
  .max(16, '门牌号太长')
  .regex(/^[0-9A-Za-z\u4e00-\u9fa5-]+$/, '门牌号只能含数字、字母、汉字和短横线');
export const Id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不对');
/** Invite codes avoid look-alike characters (no 0/O, 1/I/L). */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const InviteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[${INVITE_ALPHABET}]{8}$`), '邀请码是 8 位字母或数字');

export const MeInput = z.object({}).strict();
export const PersonasInput = z.object({}).strict();
export const TreeInput = z.object({}).strict();

export const UpdateProfileInput = z
  .object({
    name: trimmed(20)
      .regex(/^[\u4e00-\u9fa5A-Za-z·• ]+$/, '姓名只能含汉字或字母')
      .optional(),
    phone: Phone.optional(),
    /** Consent to be contacted about one's own requests; required with a phone number. */
    phoneConsent: z.boolean().optional(),
    buildingId: Id.optional(),
    room: Room.optional(),
    largeText: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' });
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>;

export const CreateInviteInput = z
  .object({
    role: z.enum(GRANTED_ROLES as [string, ...string[]]),
    nodeId: Id,
    /** 1 hour to 7 days; 3 days if not given. */
    expiresInHours: z.number().int().min(1).max(168).default(72),
  })
  .strict();
export type CreateInviteInput = z.infer<typeof CreateInviteInput>;

export const RedeemInviteInput = z.object({ code: InviteCode }).strict();
export type RedeemInviteInput = z.infer<typeof RedeemInviteInput>;

export const ListMembersInput = z
  .object({
    nodeId: Id,
    /** Role holders at the node and below, or the residents living there. */
    kind: z.enum(['roles', 'residents']).default('roles'),
    offset: z.number().int().min(0).max(100_000).default(0),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();
export type ListMembersInput = z.infer<typeof ListMembersInput>;

export const RevealContactInput = z.object({ userId: Id, reason: z.string().trim().min(2).max(100) }).strict();
export type RevealContactInput = z.infer<typeof RevealContactInput>;

// ---- outputs ----------------------------------------------------------------------------------

export const RoleView = z.object({
  role: z.enum(ROLES),
  roleLabel: z.string(),
  nodeId: z.string(),
  nodeName: z.string(),
  nodeKind: z.string(),
});
export type RoleView = z.infer<typeof RoleView>;

/** A place the caller may open a menu at; `grants` (invites only): the roles they may grant there. */
/** What the profile screen may offer its owner (accounts.policy `profileAllowedActions`). */
export const PROFILE_ACTIONS = ['updateProfile', 'redeemInvite', 'createInvite', 'listMembers'] as const;
export type ProfileAction = (typeof PROFILE_ACTIONS)[number];
/** What a caller may do for a member listed to them. */
export const MEMBER_ACTIONS = ['postOnBehalf'] as const;

export const ScopeView = RoleView.extend({ grants: z.array(z.enum(GRANTED_ROLES as [GrantedRole, ...GrantedRole[]])).optional() });
export type ScopeView = z.infer<typeof ScopeView>;

/** For each menu (scopes.ts), the places the caller may open it at; an empty list: no such menu. */
export const ScopesView = z.object(Object.fromEntries(SCOPE_MENUS.map((menu) => [menu, z.array(ScopeView)])) as Record<ScopeMenu, z.ZodArray<typeof ScopeView>>);

export const HomeView = z.object({
  buildingId: z.string(),
  room: z.string(),
  /** 街道 › 社区 › 网格 › 微网格 › 楼栋, top-down names. */
  breadcrumb: z.array(z.string()),
  gridId: z.string().optional(),
  gridName: z.string().optional(),
  communityId: z.string().optional(),
  communityName: z.string().optional(),
  /** The residential compound (小区) the home lies in, if any: its 公示 and quarterly questionnaire. */
  compoundId: z.string().optional(),
  compoundName: z.string().optional(),
  streetName: z.string().optional(),
  buildingName: z.string(),
});

export const ProfileView = z.object({
  id: z.string(),
  name: z.string(),
  /** Only the owner sees the full number. */
  phone: z.string().optional(),
  phoneMasked: z.string().optional(),
  hasPhoneConsent: z.boolean(),
  home: HomeView.optional(),
  largeText: z.boolean(),
  roles: z.array(RoleView),
  volunteer: VolunteerProfile.optional(),
  allowedActions: z.array(z.enum(PROFILE_ACTIONS)),
  scopes: ScopesView,
});
export type ProfileView = z.infer<typeof ProfileView>;

export const MeOutput = z.object({ user: ProfileView, registered: z.boolean() });
export const UpdateProfileOutput = z.object({ user: ProfileView });

export const InviteView = z.object({
  id: z.string(),
  code: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  nodeId: z.string(),
  nodeName: z.string(),
  expiresAt: z.string(),
  status: z.enum(INVITE_STATUSES),
});
export const CreateInviteOutput = z.object({ invite: InviteView });
export const RedeemInviteOutput = z.object({ role: RoleView, user: ProfileView });

export const MemberView = z.object({
  userId: z.string(),
  name: z.string(),
  phoneMasked: z.string().optional(),
  roles: z.array(RoleView),
  homeBreadcrumb: z.array(z.string()),
  /** What the caller may do for this person: `postOnBehalf` (代办) for residents of a place they lead. */
  allowedActions: z.array(z.enum(MEMBER_ACTIONS)),
});
export const ListMembersOutput = z.object({
  members: z.array(MemberView),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});
export const RevealContactOutput = z.object({ userId: z.string(), phone: z.string().nullable() });
export const TreeOutput = z.object({ nodes: z.array(NodeView) });
export const PersonasOutput = z.object({
  personas: z.array(
    z.object({
      openid: z.string(),
      name: z.string(),
      roleLabels: z.array(z.string()),
      /** Who they are, in one line: 在职党员 · 双报到 · 市供电公司. */
      summary: z.string(),
      /** What to try as them in the demo. */
      purpose: z.string(),
    }),
  ),
});

export const InboxInput = z.object({ offset: z.number().int().min(0).max(10_000).default(0), limit: z.number().int().min(1).max(50).default(20) }).strict();
export const InboxOutput = z.object({
  messages: z.array(z.object({ id: z.string(), template: z.string(), title: z.string(), body: z.string(), page: z.string().nullable(), createdAt: z.string() })),
  total: z.number().int(),
});
