import fc from 'fast-check';
import { runLifecycle } from '../../../../shared/kernel/lifecycle';
import { orderLifecycle, type OrderContext, type OrderStep, type VolunteerRecord } from '../../../../shared/orders/order.lifecycle';
import { ORDER_STATES } from '../../../../shared/orders/order.machine';
import type { Order } from '../../../../shared/orders/orders.schema';
import { fixtureOrder, FIXTURE_PATH } from '../../../helpers/order-fixtures';

/** 我也遇到了 in the order lifecycle: joining, telling every affected household, and their ratings. */
const NOW = '2026-11-23T02:00:00.000Z';
const HOME = { gridId: FIXTURE_PATH.gridId, microGridId: FIXTURE_PATH.microGridId };
const volunteer = { _id: 'V', version: 3, userId: 'V', name: '小李', active: true, openLoad: 1 } as unknown as VolunteerRecord;
const by = (id: string): OrderContext => ({ now: NOW, by: { id, name: id }, volunteers: { V: volunteer } });
const at = (state: Order['state'], extra: Partial<Order> = {}): Order => ({ ...fixtureOrder(NOW), state, ...extra });
const affect = (userId: string, home: { gridId?: string; microGridId?: string } | null = HOME): OrderStep => ({ type: 'affect', userId, home });

describe('affect (我也遇到了)', () => {
  it('adds the neighbour, keeps the state, writes their 我的事项 row and a line without a name', () => {
    const run = runLifecycle(orderLifecycle, at('waiting'), [affect('N1')], by('N1'));
    if (!run.ok) throw new Error(run.refusal.code);
    expect(run.change.set).toEqual({ state: 'waiting', affected: ['N1'] });
    expect(run.change.timeline).toEqual([{ kind: 'affected', text: '又有一户居民反映了同样的问题（共 2 户）' }]);
    expect(run.change.writes).toEqual([
      { op: 'insert', collection: 'order_followers', doc: { _id: `${fixtureOrder(NOW)._id}.N1`, orderId: fixtureOrder(NOW)._id, userId: 'N1', at: NOW } },
    ]);
    expect(run.change.notify).toEqual([]);
  });

  it('refuses a private order, the poster, a second join, someone from elsewhere and a closed or withdrawn order', () => {
    const code = (o: Order, step: OrderStep) => {
      const run = runLifecycle(orderLifecycle, o, [step], by('N1'));
      return run.ok ? 'ok' : run.refusal.code;
    };
    expect(code(at('waiting', { private: true }), affect('N1'))).toBe('ORDER.METOO_PRIVATE');
    expect(code(at('waiting', { category: '养老助残' }), affect('N1'))).toBe('ORDER.METOO_PRIVATE');
    expect(code(at('waiting'), affect('R'))).toBe('ORDER.METOO_OWN_ORDER');
    expect(code(at('waiting', { affected: ['N1'] }), affect('N1'))).toBe('ORDER.NOT_ALLOWED_NOW');
    expect(code(at('waiting'), affect('N1', { gridId: FIXTURE_PATH.gridId, microGridId: 'other' }))).toBe('ORDER.METOO_NOT_NEIGHBOUR');
    expect(code(at('waiting'), affect('N1', null))).toBe('ORDER.METOO_NOT_NEIGHBOUR');
    expect(code(at('closed'), affect('N1'))).toBe('ORDER.NOT_ALLOWED_NOW');
    expect(code(at('cancelled'), affect('N1'))).toBe('NOT_ALLOWED_NOW');
  });

  it('counts each neighbour once, however many join in whatever order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('N1', 'N2', 'N3', 'N4', 'R'), { maxLength: 20 }), (joiners) => {
        let order = at('offered');
        for (const id of joiners) {
          const run = runLifecycle(orderLifecycle, order, [affect(id)], by(id));
          if (run.ok) order = run.change.after;
        }
        const expected = new Set(joiners.filter((id) => id !== 'R'));
        return (order.affected ?? []).length === expected.size && new Set(order.affected).size === expected.size;
      }),
    );
  });
});

describe('every affected household is told', () => {
  const shared = (state: Order['state'], extra: Partial<Order> = {}) => at(state, { affected: ['N1', 'N2'], ...extra });
  const told = (o: Order, step: OrderStep, x: OrderContext) => {
    const run = runLifecycle(orderLifecycle, o, [step], x);
    if (!run.ok) throw new Error(run.refusal.code);
    return run.change.notify.filter((n) => 'userId' in n.to).map((n) => [(n.to as { userId: string }).userId, n.template]);
  };
  it('of the acceptance, the resolution (please rate), an escalation and a closing after review', () => {
    const offered = shared('offered', { offer: { volunteerId: 'V', offeredAt: NOW, expiresAt: NOW, manual: false, score: 80 } });
    expect(told(offered, { type: 'accept' }, by('V'))).toEqual([
      ['R', 'order.accepted'],
      ['N1', 'order.accepted'],
      ['N2', 'order.accepted'],
    ]);
    expect(told(shared('accepted', { assigneeId: 'V' }), { type: 'resolve', note: '已修好', photos: ['local://p.png'] }, by('V')).map(([id]) => id)).toEqual(['R', 'N1', 'N2']);
    expect(told(shared('waiting'), { type: 'escalate', reason: '需要社区协调', cause: 'leader' }, by('L')).map(([id]) => id)).toEqual(['R', 'N1', 'N2']);
    expect(told(shared('reopened'), { type: 'closeAfterReview', reason: '已回访' }, by('L')).map(([id]) => id)).toEqual(['R', 'N1', 'N2']);
  });

  it('says in the dispatch reason how many households wait, when more than one', () => {
    const run = runLifecycle(orderLifecycle, shared('dispatching'), [{ type: 'offer', volunteerId: 'V', score: 80, reason: '同网格、擅长水电维修' }], {
      now: NOW,
      by: null,
      volunteers: {},
    });
    if (!run.ok) throw new Error(run.refusal.code);
    expect(run.change.set.dispatchReason).toBe('同网格、擅长水电维修（3 户受影响）');
  });
});

describe('rateAsNeighbour', () => {
  const rate: OrderStep = { type: 'rateAsNeighbour', stars: 4, tags: ['上门及时'], comment: '' };
  it('keeps the rating on the order and moves nothing, once it is resolved or closed', () => {
    for (const state of ['resolved', 'closed'] as const) {
      const run = runLifecycle(orderLifecycle, at(state, { affected: ['N1'] }), [rate], by('N1'));
      if (!run.ok) throw new Error(run.refusal.code);
      expect(run.change.set).toEqual({ state, neighbourRatings: [{ userId: 'N1', stars: 4, tags: ['上门及时'], comment: '', at: NOW }] });
      expect(run.change.writes).toEqual([]);
    }
  });

  it('only by an affected neighbour, once, and only when the work is done', () => {
    const code = (o: Order, who: string) => {
      const run = runLifecycle(orderLifecycle, o, [rate], by(who));
      return run.ok ? 'ok' : run.refusal.code;
    };
    expect(code(at('resolved', { affected: ['N1'] }), 'N2')).toBe('ORDER.NOT_ALLOWED_NOW');
    expect(code(at('resolved', { affected: ['N1'], neighbourRatings: [{ userId: 'N1', stars: 5, tags: [], comment: '', at: NOW }] }), 'N1')).toBe('ORDER.ALREADY_RATED');
    for (const state of ORDER_STATES.filter((s) => s !== 'resolved' && s !== 'closed')) expect(code(at(state, { affected: ['N1'] }), 'N1')).not.toBe('ok');
  });
});
