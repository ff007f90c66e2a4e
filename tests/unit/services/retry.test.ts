import { RETRY_BACKOFF_MS, UnansweredRequests, untilAnswered } from '../../../miniprogram/services/retry';

/** A transport that loses the first `lost` answers (a throw or nothing usable), then answers. */
function flaky(lost: number, how: 'throw' | 'garbled' = 'throw') {
  const sent: unknown[] = [];
  return {
    sent,
    attempt: (body: { requestId: string }) => async () => {
      sent.push(body);
      if (sent.length <= lost) {
        if (how === 'throw') throw new Error('request:fail timeout');
        return null;
      }
      return { ok: true, data: sent.length };
    },
  };
}

describe('untilAnswered: a call with no answer is sent again with the same request', () => {
  it('retries a lost answer with the very same body and gives the answer that came', async () => {
    const body = { requestId: 'lt6x1-abc12345' };
    const t = flaky(2);
    const waits: number[] = [];
    const answer = await untilAnswered(t.attempt(body), 2, RETRY_BACKOFF_MS, async (ms) => void waits.push(ms));
    expect(answer).toEqual({ ok: true, data: 3 });
    expect(t.sent).toEqual([body, body, body]);
    expect(waits).toEqual([...RETRY_BACKOFF_MS]);
  });

  it('gives up after 1 + retries attempts with null (the caller answers COMMON.NETWORK)', async () => {
    const t = flaky(10, 'garbled');
    const answer = await untilAnswered(t.attempt({ requestId: 'r-00000001' }), 2, [1], async () => undefined);
    expect(answer).toBeNull();
    expect(t.sent).toHaveLength(3);
  });

  it('does not retry once an answer came, even a failure envelope', async () => {
    let calls = 0;
    const refused = { ok: false, error: { code: 'ORDER.NOT_ALLOWED_NOW', message: '…' } };
    const answer = await untilAnswered(
      async () => (calls++, refused),
      2,
      [1],
      async () => undefined,
    );
    expect([answer, calls]).toEqual([refused, 1]);
  });

  it('can be told not to retry', async () => {
    const t = flaky(1);
    expect(await untilAnswered(t.attempt({ requestId: 'r-00000002' }), 0)).toBeNull();
    expect(t.sent).toHaveLength(1);
  });
});

describe('UnansweredRequests: 重试 of a request that got no answer reuses its id', () => {
  let n = 0;
  const fresh = () => `fresh-${++n}`;

  it('gives a new id to a request never sent before', () => {
    const taps = new UnansweredRequests();
    expect(taps.idFor('orders.comment:{"text":"a"}', 0, fresh)).toMatch(/^fresh-/);
  });

  it('reuses the id of the same request after it went unanswered, and only for that request', () => {
    const taps = new UnansweredRequests();
    const req = 'orders.comment:{"orderId":"o1","text":"好的"}';
    const first = taps.idFor(req, 0, fresh);
    taps.settle(req, first, false, 1_000);
    expect(taps.idFor(req, 30_000, fresh)).toBe(first);
    expect(taps.idFor('orders.comment:{"orderId":"o1","text":"好的！"}', 30_000, fresh)).not.toBe(first);
  });

  it('forgets the id once any answer came: the next tap is a new request', () => {
    const taps = new UnansweredRequests();
    const req = 'orders.accept:{"orderId":"o1"}';
    const first = taps.idFor(req, 0, fresh);
    taps.settle(req, first, false, 0);
    const retried = taps.idFor(req, 1, fresh);
    taps.settle(req, retried, true, 2);
    expect(retried).toBe(first);
    expect(taps.idFor(req, 3, fresh)).not.toBe(first);
  });

  it('forgets an unanswered id after the keep time', () => {
    const taps = new UnansweredRequests(60_000);
    const req = 'orders.rate:{"orderId":"o1","stars":5}';
    const first = taps.idFor(req, 0, fresh);
    taps.settle(req, first, false, 0);
    expect(taps.idFor(req, 59_999, fresh)).toBe(first);
    expect(taps.idFor(req, 60_000, fresh)).not.toBe(first);
  });
});
