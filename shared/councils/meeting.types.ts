import type { GrantedRole } from '../accounts/roles';
import { DEFAULT_QUORUM, type QuorumRule } from './agenda';

/**
 * The kinds of council meeting (seeds 003, 004; 三方联席会 from seed 000) and what each asks for: who
 * may see it, whether its ballots are secret, its quorum.
 */
export const MEETING_TYPES = ['微网格议事会', '民情恳谈会', '民事协调会', '民意听证会', '民主评议会', '三方联席会'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export interface MeetingTypeRule {
  /** Only invited participants and leaders of the place see it (民事协调会: a dispute between neighbours). */
  private: boolean;
  /** The ballot stores no voter; a separate roll stores who voted. */
  anonymous: boolean;
  quorum: QuorumRule;
  /** What it is for, as the create page explains it. */
  hint: string;
}

export const MEETING_TYPE_RULES: Record<MeetingType, MeetingTypeRule> = {
  微网格议事会: { private: false, anonymous: false, quorum: DEFAULT_QUORUM, hint: '网格党支部召集，商议居民的家事、难事、烦心事' },
  民情恳谈会: { private: false, anonymous: false, quorum: DEFAULT_QUORUM, hint: '听取居民意见和诉求，面对面交流' },
  民事协调会: { private: true, anonymous: false, quorum: DEFAULT_QUORUM, hint: '调解邻里纠纷，只有受邀人员和辖区负责人可见' },
  民意听证会: { private: false, anonymous: true, quorum: { share: 0.5 }, hint: '涉及居民切身利益的事项，先听证后决策，无记名表决' },
  民主评议会: { private: false, anonymous: true, quorum: { share: 0.5 }, hint: '居民评议已落实的议题和服务成效，无记名表决' },
  // 三方共治: the residents' committee, the owners' committee and the property company at one table.
  三方联席会: {
    private: false,
    anonymous: false,
    quorum: DEFAULT_QUORUM,
    hint: '社区党组织召集居委会、业委会和物业三方，商议小区的事；物业的服务承诺记为有期限的行动事项',
  },
};

/** Roles invited by role (社区民警/辅警, 网格员, 微网格联络人, 党员志愿者; 物业客服 and 业委会委员 of the place's compounds). */
export const INVITABLE_ROLES = ['police', 'gridMember', 'liaison', 'volunteer', 'property', 'owners'] as const satisfies readonly GrantedRole[];
export type InvitableRole = (typeof INVITABLE_ROLES)[number];
export const INVITABLE_ROLE_LABELS: Record<InvitableRole, string> = {
  police: '社区民警/辅警',
  gridMember: '网格员',
  liaison: '微网格联络人',
  volunteer: '党员志愿者',
  property: '物业客服',
  owners: '业委会委员',
};

/** Minutes are due this long after a meeting closes; the convener is reminded once. */
export const MINUTES_DUE_HOURS = 48;
