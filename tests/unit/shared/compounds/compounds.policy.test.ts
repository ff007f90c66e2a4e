import type { Actor } from '../../../../shared/accounts/accounts.policy';
import type { Membership } from '../../../../shared/accounts/accounts.schema';
import {
  authorizeCompounds,
  changerRoleLabel,
  responsibilityListActions,
  reviewsCompound,
  seesCompound,
  type CompoundsRequest,
} from '../../../../shared/compounds/compounds.policy';
import type { PlacePath } from '../../../../shared/territory/territory.schema';
import { holding, userNamed, type PolicyNode } from '../../../helpers/actors';

/**
 * Street S with communities C1 (grids G1, G2) and C2 (grid G3); street S2 beside it. Compounds: P1 in
 * G1 and P2 in G2 (both of C1), P3 in G3 (of C2). The requests are about community C1.
 */
const node = (_id: string, kind: PolicyNode['kind'], path: PlacePath): PolicyNode => ({ _id, kind, path });
const S = node('S', 'street', { streetId: 'S' });
const S2 = node('S2', 'street', { streetId: 'S2' });
const C1 = node('C1', 'community', { streetId: 'S', communityId: 'C1' });
const C2 = node('C2', 'community', { streetId: 'S', communityId: 'C2' });
const G1 = node('G1', 'grid', { ...C1.path, gridId: 'G1' });
const G3 = node('G3', 'grid', { ...C2.path, gridId: 'G3' });
const M1 = node('M1', 'microGrid', { ...G1.path, microGridId: 'M1' });
const P1 = node('P1', 'compound', { ...G1.path, compoundId: 'P1' });
const P2 = node('P2', 'compound', { ...C1.path, gridId: 'G2', compoundId: 'P2' });
const P3 = node('P3', 'compound', { ...G3.path, compoundId: 'P3' });

const living = (path: PlacePath): Actor => ({ user: { ...userNamed('actor'), home: { buildingId: 'B', room: '1-101', path } }, memberships: [] });
const holdingOnly = (...ms: Membership[]): Actor => ({ user: userNamed('actor'), memberships: ms });

const ACTORS: Record<string, Actor> = {
  stranger: holdingOnly(),
  'resident of C1': living({ ...G1.path, microGridId: 'M1', buildingId: 'B' }),
  'resident of P1': living({ ...P1.path, microGridId: 'M1', buildingId: 'B' }),
  'resident of C2': living({ ...G3.path, buildingId: 'B3' }),
  'volunteer@G1': holdingOnly(holding('volunteer', G1)),
  'gridMember@G1': holdingOnly(holding('gridMember', G1)),
  'liaison@M1': holdingOnly(holding('liaison', M1)),
  'police@G1': holdingOnly(holding('police', G1)),
  'gridLeader@G1': holdingOnly(holding('gridLeader', G1)),
  'gridLeader@G3': holdingOnly(holding('gridLeader', G3)),
  'property@P1': holdingOnly(holding('property', P1)),
  'owners@P1': holdingOnly(holding('owners', P1)),
  'property@P3': holdingOnly(holding('property', P3)),
  'communityAdmin@C1': holdingOnly(holding('communityAdmin', C1)),
  'communityAdmin@C2': holdingOnly(holding('communityAdmin', C2)),
  'streetAdmin@S': holdingOnly(holding('streetAdmin', S)),
  'streetAdmin@S2': holdingOnly(holding('streetAdmin', S2)),
};
const EVERYONE = Object.keys(ACTORS);

/** Written out by hand from the product rules: who may, for community C1. */
type CommunityAction = Exclude<CompoundsRequest['action'], 'review' | 'answerSurvey'>;
const MAY: Record<CommunityAction, readonly string[]> = {
  // the leaders' list: the community and the street above, its grid leaders, its compounds' desks and committees
  list: ['gridLeader@G1', 'property@P1', 'owners@P1', 'communityAdmin@C1', 'streetAdmin@S'],
  // the 公示: whoever lives in the community or holds any role inside it, and the street above
  responsibilities: [
    'resident of C1',
    'resident of P1',
    'volunteer@G1',
    'gridMember@G1',
    'liaison@M1',
    'police@G1',
    'gridLeader@G1',
    'property@P1',
    'owners@P1',
    'communityAdmin@C1',
    'streetAdmin@S',
  ],
  saveResponsibilities: ['communityAdmin@C1', 'streetAdmin@S'],
};

/** Which of C1's compounds (and C2's P3) each caller sees in the list. */
const SEES: Record<string, readonly string[]> = {
  'gridLeader@G1': ['P1'],
  'property@P1': ['P1'],
  'owners@P1': ['P1'],
  'communityAdmin@C1': ['P1', 'P2'],
  'streetAdmin@S': ['P1', 'P2'],
};

describe('compounds policy: actor × action for community C1, deny by default', () => {
  it.each((Object.keys(MAY) as CommunityAction[]).flatMap((action) => EVERYONE.map((who) => [action, who] as const)))('%s by %s', (action, who) => {
    expect(authorizeCompounds(ACTORS[who]!, { action, community: C1 })).toEqual(MAY[action].includes(who) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' });
  });

  it('denies an action it does not know, even to the street', () => {
    expect(authorizeCompounds(ACTORS['streetAdmin@S']!, { action: 'dropEverything', community: C1 } as never)).toEqual({ allow: false, code: 'COMMON.FORBIDDEN' });
  });

  it.each(EVERYONE)('%s sees exactly their compounds of C1 in the list, and never a compound of another community', (who) => {
    const seen = [P1, P2, P3].filter((p) => seesCompound(ACTORS[who]!, C1, p)).map((p) => p._id);
    expect(seen).toEqual(SEES[who] ?? []);
  });

  it.each(EVERYONE)('the 公示 offers %s 保存 exactly when the table lets them save', (who) => {
    expect(responsibilityListActions(ACTORS[who]!, C1)).toEqual(MAY.saveResponsibilities.includes(who) ? ['save'] : []);
  });
});

describe('the role a change of the list is recorded under', () => {
  it('is 社区书记 for the community’s own admin, 街道管理员 for the street above, and 社区书记 for someone who is both', () => {
    expect(changerRoleLabel(ACTORS['communityAdmin@C1']!, C1)).toBe('社区书记');
    expect(changerRoleLabel(ACTORS['streetAdmin@S']!, C1)).toBe('街道管理员');
    expect(changerRoleLabel(holdingOnly(holding('streetAdmin', S), holding('communityAdmin', C1)), C1)).toBe('社区书记');
  });
});

/** 评议监督 of compound P1: who supervises its desk (the community's leaders, its owners' committee) and the desk itself. */
const REVIEWS_P1: readonly string[] = ['property@P1', 'owners@P1', 'communityAdmin@C1', 'streetAdmin@S'];

describe('the monthly review of a compound (评议监督), deny by default', () => {
  it.each(EVERYONE)('review of P1 by %s', (who) => {
    expect(authorizeCompounds(ACTORS[who]!, { action: 'review', compound: P1 })).toEqual(REVIEWS_P1.includes(who) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' });
  });

  it('gives a desk and a committee their own compound only, and a community’s admin none of another community', () => {
    expect(reviewsCompound(ACTORS['property@P1']!, P2)).toBe(false);
    expect(reviewsCompound(ACTORS['owners@P1']!, P3)).toBe(false);
    expect(reviewsCompound(ACTORS['property@P3']!, P3)).toBe(true);
    expect(reviewsCompound(ACTORS['communityAdmin@C1']!, P3)).toBe(false);
    expect(reviewsCompound(ACTORS['communityAdmin@C2']!, P3)).toBe(true);
    expect(reviewsCompound(ACTORS['streetAdmin@S2']!, P1)).toBe(false);
  });

  it('is about a compound: asked of a community or a grid, it denies even the street', () => {
    expect(authorizeCompounds(ACTORS['streetAdmin@S']!, { action: 'review', compound: C1 })).toEqual({ allow: false, code: 'COMMON.FORBIDDEN' });
    expect(authorizeCompounds(ACTORS['streetAdmin@S']!, { action: 'review', compound: G1 })).toEqual({ allow: false, code: 'COMMON.FORBIDDEN' });
  });
});

describe('the quarterly questionnaire of a compound (物业服务季度评价), deny by default', () => {
  /** Lives in P1, and works at its desk too: the desk does not rate itself. */
  const deskResident: Actor = { ...ACTORS['resident of P1']!, memberships: [holding('property', P1)] };
  /** Lives in P1 and sits on its owners' committee: a resident like any other here. */
  const ownerResident: Actor = { ...ACTORS['resident of P1']!, memberships: [holding('owners', P1)] };

  it.each(EVERYONE)('answering for P1 by %s', (who) => {
    const expected = who === 'resident of P1' ? { allow: true } : { allow: false, code: 'COMPOUND.NOT_YOUR_COMPOUND' };
    expect(authorizeCompounds(ACTORS[who]!, { action: 'answerSurvey', compound: P1 })).toEqual(expected);
  });

  it('refuses a resident who works at the compound’s desk, and lets a committee member who lives there answer', () => {
    expect(authorizeCompounds(deskResident, { action: 'answerSurvey', compound: P1 })).toEqual({ allow: false, code: 'COMPOUND.OWN_DESK' });
    expect(authorizeCompounds(ownerResident, { action: 'answerSurvey', compound: P1 })).toEqual({ allow: true });
  });

  it('a resident of P1 answers for P1 only, not for P2 of the same community nor P3', () => {
    expect(authorizeCompounds(ACTORS['resident of P1']!, { action: 'answerSurvey', compound: P2 })).toEqual({ allow: false, code: 'COMPOUND.NOT_YOUR_COMPOUND' });
    expect(authorizeCompounds(ACTORS['resident of P1']!, { action: 'answerSurvey', compound: P3 })).toEqual({ allow: false, code: 'COMPOUND.NOT_YOUR_COMPOUND' });
  });
});
