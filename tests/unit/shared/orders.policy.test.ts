import { allowedOrderActions, mayDo, ORDER_ACTIONS, seesContact, seesDescription, type OrderAction, type Relation } from '../../../shared/orders/orders.policy';
import { ORDER_STATES, type OrderState } from '../../../shared/orders/order.machine';
import type { Level } from '../../../shared/orders/escalation';
import type { DeskOwner } from '../../../shared/orders/orders.schema';

const NONE: Relation = {
  poster: false,
  assignee: false,
  offeree: false,
  volunteerOfPlace: false,
  handlingLeader: false,
  leaderOfPlace: false,
  affected: false,
  neighbourRated: false,
  neighbour: false,
  deskStaff: false,
};
const RELATIONS: Record<string, Relation> = {
  poster: { ...NONE, poster: true },
  offeree: { ...NONE, offeree: true, volunteerOfPlace: true },
  assignee: { ...NONE, assignee: true, volunteerOfPlace: true },
  volunteerOfPlace: { ...NONE, volunteerOfPlace: true },
  handlingLeader: { ...NONE, handlingLeader: true, leaderOfPlace: true },
  leaderNotHandling: { ...NONE, leaderOfPlace: true },
  stranger: NONE,
  /** 我也遇到了: a neighbour who joined it, before and after they rated; one who lives near but did not join. */
  affectedNeighbour: { ...NONE, affected: true, neighbour: true },
  neighbourWhoRated: { ...NONE, affected: true, neighbourRated: true, neighbour: true },
  neighbour: { ...NONE, neighbour: true },
  /** 三方共治: staff of the compound desk the responsibility list sent the order to (物业客服). */
  deskStaff: { ...NONE, deskStaff: true },
};

/**
 * The authorization table, written out by hand from the product rules for an ordinary order (水电维修)
 * at grid level. `get` is listed separately; everything not listed is denied.
 */
const GRID: Record<string, Partial<Record<OrderState, OrderAction[]>>> = {
  poster: {
    dispatching: ['comment', 'cancel'],
    offered: ['comment', 'cancel'],
    waiting: ['comment', 'cancel'],
    pool: ['comment', 'cancel'],
    accepted: ['comment'],
    resolved: ['rate', 'comment'],
    reopened: ['comment'],
    closed: ['comment'],
    desk: ['comment', 'cancel'],
  },
  offeree: { offered: ['accept', 'decline'], pool: ['accept'] },
  assignee: {
    accepted: ['handBack', 'resolve', 'comment'],
    resolved: ['comment'],
    reopened: ['comment'],
    closed: ['comment'],
    pool: ['comment', 'accept'],
    waiting: ['comment'],
    offered: ['comment'],
    dispatching: ['comment'],
    desk: ['comment'],
  },
  volunteerOfPlace: { pool: ['accept'] },
  handlingLeader: {
    dispatching: ['comment', 'escalate'],
    offered: ['comment', 'escalate'],
    waiting: ['comment', 'candidates', 'dispatchByHand', 'openPool', 'escalate'],
    pool: ['comment', 'candidates', 'dispatchByHand', 'escalate'],
    accepted: ['comment', 'escalate'],
    resolved: ['comment'],
    reopened: ['comment', 'candidates', 'dispatchByHand', 'openPool', 'escalate', 'closeAfterReview'],
    closed: ['comment'],
    // With the desk: the leader follows it and may take it up a level; the desk answers or gives it back.
    desk: ['comment', 'escalate'],
  },
  leaderNotHandling: {
    dispatching: ['comment'],
    offered: ['comment'],
    waiting: ['comment'],
    pool: ['comment'],
    accepted: ['comment'],
    resolved: ['comment'],
    reopened: ['comment'],
    closed: ['comment'],
    desk: ['comment'],
  },
  stranger: {},
  // An affected neighbour rates the result once, when it is resolved or after it closed; nothing else.
  affectedNeighbour: { resolved: ['rate'], closed: ['rate'] },
  neighbourWhoRated: {},
  neighbour: {},
  // Only an order the list sent to their desk: in this table, the one in state `desk`.
  deskStaff: { desk: ['deskAccept', 'refuse', 'comment'] },
};

const DESK: DeskOwner = { party: 'property', compoundId: 'X1', name: '安居物业', hours: 24, dueAt: null, refusedAt: null };
/** An ordinary order in `state`; one in state `desk` is with a compound's desk, as only the list puts it there. */
const order = (
  state: OrderState,
  level: Level = 'grid',
  extra: Partial<{ private: boolean; category: '水电维修' | '邻里纠纷'; topicId: string | null; desk: DeskOwner | null }> = {},
) => ({
  state,
  level,
  private: false,
  category: '水电维修' as const,
  topicId: null,
  desk: state === 'desk' ? DESK : null,
  ...extra,
});

describe('orders authorization table (grid level): relation × state × action, deny by default', () => {
  const cases = Object.keys(RELATIONS).flatMap((rel) => ORDER_STATES.map((state) => [rel, state] as const));
  it.each(cases)('%s in %s', (rel, state) => {
    const expected = new Set(GRID[rel]![state] ?? []);
    for (const action of ORDER_ACTIONS.filter((a) => a !== 'get')) {
      expect([rel, state, action, mayDo(action, RELATIONS[rel]!, order(state))]).toEqual([rel, state, action, expected.has(action)]);
    }
    expect(new Set(allowedOrderActions(RELATIONS[rel]!, order(state)))).toEqual(expected);
  });
});

describe('who may see an order at all', () => {
  it.each(ORDER_STATES)('in %s: the poster, the assignee and leaders of the place; the offeree while offered; volunteers only in the pool; never a stranger', (state) => {
    const sees = (rel: string) => mayDo('get', RELATIONS[rel]!, order(state));
    expect(sees('poster')).toBe(true);
    expect(sees('assignee')).toBe(true);
    expect(sees('handlingLeader')).toBe(true);
    expect(sees('leaderNotHandling')).toBe(true);
    expect(sees('volunteerOfPlace')).toBe(state === 'pool');
    expect(sees('stranger')).toBe(false);
  });
});

describe('levels: who escalates and who sends back', () => {
  it('lets a community leader send back down and escalate up, and a street leader only send back', () => {
    const leader = RELATIONS.handlingLeader!;
    expect(new Set(allowedOrderActions(leader, order('waiting', 'community')))).toEqual(new Set(['comment', 'candidates', 'dispatchByHand', 'openPool', 'escalate', 'sendBack']));
    expect(new Set(allowedOrderActions(leader, order('waiting', 'street')))).toEqual(new Set(['comment', 'candidates', 'dispatchByHand', 'openPool', 'sendBack']));
    expect(allowedOrderActions(leader, order('waiting', 'grid'))).not.toContain('sendBack');
  });
});

describe('disputes (邻里纠纷)', () => {
  const dispute = (state: OrderState, topicId: string | null = null) => order(state, 'grid', { private: true, category: '邻里纠纷', topicId });
  it('can become a council topic once, by a leader of the place, while open', () => {
    expect(mayDo('toCouncil', RELATIONS.handlingLeader!, dispute('waiting'))).toBe(true);
    expect(mayDo('toCouncil', RELATIONS.leaderNotHandling!, dispute('waiting'))).toBe(true);
    expect(mayDo('toCouncil', RELATIONS.handlingLeader!, dispute('waiting', 'top_1'))).toBe(false);
    expect(mayDo('toCouncil', RELATIONS.handlingLeader!, dispute('closed'))).toBe(false);
    expect(mayDo('toCouncil', RELATIONS.poster!, dispute('waiting'))).toBe(false);
    expect(mayDo('toCouncil', RELATIONS.handlingLeader!, order('waiting'))).toBe(false);
  });

  it('hides what a private order is about from volunteers who are not on it, and contacts from everyone but its handlers', () => {
    expect(seesDescription(RELATIONS.volunteerOfPlace!, { private: true })).toBe(false);
    expect(seesDescription(RELATIONS.offeree!, { private: true })).toBe(true);
    expect(seesDescription(RELATIONS.volunteerOfPlace!, { private: false })).toBe(true);
    expect(seesContact(RELATIONS.offeree!)).toBe(false);
    expect(seesContact(RELATIONS.volunteerOfPlace!)).toBe(false);
    expect(seesContact(RELATIONS.assignee!)).toBe(true);
    expect(seesContact(RELATIONS.leaderNotHandling!)).toBe(true);
  });
});

describe('an order the desk holds (三方共治): its staff take it, resolve it or give it back, never hand it to volunteers', () => {
  const deskAssignee: Relation = { ...NONE, deskStaff: true, assignee: true };
  const held = (state: OrderState) => order(state, 'grid', { desk: DESK });
  it.each([
    ['accepted', RELATIONS.deskStaff!, ['comment']],
    ['accepted', deskAssignee, ['resolve', 'refuse', 'comment']],
    ['resolved', deskAssignee, ['comment']],
    ['accepted', RELATIONS.poster!, ['comment']],
  ] as const)('%s, %j → %j', (state, r, expected) => {
    expect(new Set(allowedOrderActions(r, held(state)))).toEqual(new Set(expected));
  });

  it('once the desk said "not ours" its staff have nothing left to do with it, and the leader has it', () => {
    const refused = order('waiting', 'grid', { desk: { ...DESK, refusedAt: '2026-11-23T03:00:00.000Z' } });
    expect(allowedOrderActions(RELATIONS.deskStaff!, refused)).toEqual([]);
    expect(allowedOrderActions(RELATIONS.handlingLeader!, refused)).toEqual(expect.arrayContaining(['dispatchByHand', 'openPool']));
  });

  it('desk staff see what it is about but its phone and room only once it is theirs', () => {
    expect(seesDescription(RELATIONS.deskStaff!, { private: true })).toBe(true);
    expect(seesContact(RELATIONS.deskStaff!)).toBe(false);
    expect(seesContact(deskAssignee)).toBe(true);
  });
});
