import fc from 'fast-check';
import { allowedPairs, runLifecycle, tell, NOT_ALLOWED_NOW, type Lifecycle } from '../../../../shared/kernel/lifecycle';

/**
 * The kernel on a small lifecycle of its own: a lamp that is switched on and off, counts how often
 * it was switched on, and refuses to be switched on while it is broken.
 */
type LampState = 'off' | 'on' | 'broken';
type LampEvent = { type: 'switchOn' } | { type: 'switchOff' } | { type: 'break' } | { type: 'note'; text: string };
interface Lamp {
  state: LampState;
  switchedOn: number;
  lastBy: string | null;
  fuse: boolean;
}
const lamp: Lifecycle<LampState, LampEvent, Lamp, { by: string }> = {
  name: 'lamp',
  states: ['off', 'on', 'broken'],
  next: (s, e) => {
    if (e.type === 'switchOn') return s === 'off' ? 'on' : null;
    if (e.type === 'switchOff') return s === 'on' ? 'off' : null;
    if (e.type === 'break') return s === 'broken' ? null : 'broken';
    return s;
  },
  guard: (doc, e) => (e.type === 'switchOn' && !doc.fuse ? { code: 'LAMP.NO_FUSE', field: 'fuse' } : null),
  effect: (doc, e, x) => {
    if (e.type === 'switchOn')
      return {
        set: { lastBy: x.by },
        inc: { switchedOn: 1 },
        timeline: [{ kind: 'on', text: `${x.by} 开灯` }],
        notify: tell('owner', { template: 'order.comment', title: '灯亮了', body: x.by }),
      };
    if (e.type === 'switchOff') return { set: { lastBy: x.by }, timeline: [{ kind: 'off', text: '关灯' }], audit: { was: doc.state } };
    if (e.type === 'break') return { writes: [{ op: 'insert', collection: 'repairs', doc: { _id: 'r1' } }], timeline: [{ kind: 'broken', text: '坏了', leadersOnly: true }] };
    return { timeline: [{ kind: 'note', text: e.text }] };
  },
};
const fresh: Lamp = { state: 'off', switchedOn: 0, lastBy: null, fuse: true };
const EVENTS: LampEvent[] = [{ type: 'switchOn' }, { type: 'switchOff' }, { type: 'break' }, { type: 'note', text: '看了一眼' }];

describe('runLifecycle folds a chain of events into one change', () => {
  it('moves the state by the table and sums what every effect does, in order', () => {
    const run = runLifecycle(lamp, fresh, [{ type: 'switchOn' }, { type: 'switchOff' }, { type: 'note', text: '好了' }], { by: '张' });
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.change.after).toEqual({ state: 'off', switchedOn: 1, lastBy: '张', fuse: true });
    expect(run.change.set).toEqual({ state: 'off', lastBy: '张' });
    expect(run.change.inc).toEqual({ switchedOn: 1 });
    expect(run.change.timeline.map((l) => l.kind)).toEqual(['on', 'off', 'note']);
    expect(run.change.notify).toEqual([{ to: { userId: 'owner' }, template: 'order.comment', title: '灯亮了', body: '张' }]);
    expect(run.change.audit).toEqual({ event: 'switchOn>switchOff>note', was: 'on' });
  });

  it('refuses the whole chain at the first event the table does not allow, naming it', () => {
    expect(runLifecycle(lamp, fresh, [{ type: 'switchOn' }, { type: 'switchOn' }], { by: '张' })).toEqual({ ok: false, refusal: { code: NOT_ALLOWED_NOW }, event: 'switchOn' });
  });

  it("refuses with the guard's code and field when the table allows it but a rule does not", () => {
    expect(runLifecycle(lamp, { ...fresh, fuse: false }, [{ type: 'switchOn' }], { by: '张' })).toEqual({
      ok: false,
      refusal: { code: 'LAMP.NO_FUSE', field: 'fuse' },
      event: 'switchOn',
    });
  });

  it('writes a field both incremented and set once, as set', () => {
    const counting: Lifecycle<LampState, LampEvent, Lamp, { by: string }> = {
      ...lamp,
      effect: (doc, e, x) => (e.type === 'switchOff' ? { set: { switchedOn: 0 } } : lamp.effect(doc, e, x)),
    };
    const run = runLifecycle(counting, fresh, [{ type: 'switchOn' }, { type: 'switchOff' }, { type: 'switchOn' }], { by: '李' });
    expect(run.ok && run.change.set.switchedOn).toBe(1);
    expect(run.ok && run.change.inc).toEqual({});
  });

  it('agrees with folding the table by hand, for any chain (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 12 }), (events) => {
        const run = runLifecycle(lamp, fresh, events, { by: '王' });
        let state: LampState | null = fresh.state;
        let ons = 0;
        for (const e of events) {
          state = state === null ? null : lamp.next(state, e);
          if (e.type === 'switchOn') ons++;
        }
        if (state === null) return !run.ok;
        return run.ok && run.change.after.state === state && run.change.after.switchedOn === ons && run.change.timeline.length === events.length;
      }),
    );
  });

  it('lists the pairs its table allows', () => {
    expect(allowedPairs(lamp, EVENTS.slice(0, 3))).toEqual([
      ['off', 'switchOn', 'on'],
      ['off', 'break', 'broken'],
      ['on', 'switchOff', 'off'],
      ['on', 'break', 'broken'],
    ]);
  });
});
