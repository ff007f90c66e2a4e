import type { Answer } from '../../../miniprogram/services/call';
import { asPage, pagedStep, readUpTo, type Page, type PagedState } from '../../../miniprogram/lib/paged';

/** The paging state of a list (orders, messages, members): first page, 加载更多, reload, errors. */
type Item = { id: string };
const items = (...ids: string[]): Item[] => ids.map((id) => ({ id }));
const page = (list: Item[], total: number): Answer<Page<Item>> => ({ ok: true, data: { items: list, total } });
const NETWORK = { code: 'COMMON.NETWORK', message: '网络不给力，请稍后再试' } as const;
const failure: Answer<Page<Item>> = { ok: false, error: NETWORK };
const loading = (key: string): PagedState<Item> => ({ key, status: 'loading' });
/** Ids `i<from>` … `i<to>`. */
const ids = (from: number, to: number): string[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, n) => `i${from + n}`);

function ready(key: string, list: Item[], total: number): PagedState<Item> {
  return pagedStep(loading(key), { type: 'first', key, answer: page(list, total) });
}

describe('pagedStep', () => {
  it('shows the first page with the total, and offers more while fewer than the total are listed', () => {
    expect(ready('posted', items('a', 'b'), 5)).toEqual({
      key: 'posted',
      status: 'ready',
      items: items('a', 'b'),
      total: 5,
      more: true,
      loadingMore: false,
      moreError: null,
      staleError: null,
    });
    expect(ready('posted', items('a', 'b'), 2)).toMatchObject({ more: false });
    expect(ready('posted', [], 0)).toMatchObject({ status: 'ready', items: [], more: false });
  });

  it('shows the error of a first page that failed', () => {
    expect(pagedStep(loading('posted'), { type: 'first', key: 'posted', answer: failure })).toEqual({ key: 'posted', status: 'error', error: NETWORK });
  });

  it('keeps a list on screen while the same list is read again, and starts over for another one', () => {
    const shown = ready('offers', items('a'), 1);
    expect(pagedStep(shown, { type: 'reload', key: 'offers' })).toBe(shown);
    expect(pagedStep(shown, { type: 'reload', key: 'pool' })).toEqual(loading('pool'));
    const failed = pagedStep(loading('offers'), { type: 'first', key: 'offers', answer: failure });
    expect(pagedStep(failed, { type: 'reload', key: 'offers' })).toEqual(loading('offers'));
  });

  it('adds the next page, dropping what is already listed (an item added meanwhile shifts the offsets)', () => {
    let s = ready('inbox', items('m5', 'm4'), 4);
    s = pagedStep(s, { type: 'moreAsked' });
    expect(s).toMatchObject({ loadingMore: true, moreError: null });
    // A new message came in: the second page starts with one already shown.
    s = pagedStep(s, { type: 'more', answer: page(items('m4', 'm3', 'm2'), 5) });
    expect(s).toMatchObject({ status: 'ready', items: items('m5', 'm4', 'm3', 'm2'), total: 5, more: true, loadingMore: false });
    s = pagedStep(s, { type: 'more', answer: page(items('m1'), 5) });
    expect(s).toMatchObject({ items: items('m5', 'm4', 'm3', 'm2', 'm1'), more: false });
  });

  it('stops offering more when a page comes back empty, whatever the total says', () => {
    const s = pagedStep(ready('queue', items('a'), 3), { type: 'more', answer: page([], 3) });
    expect(s).toMatchObject({ items: items('a'), more: false });
  });

  it('keeps the list when the next page fails, and says so beside 加载更多', () => {
    const before = pagedStep(ready('queue', items('a'), 3), { type: 'moreAsked' });
    const after = pagedStep(before, { type: 'more', answer: failure });
    expect(after).toMatchObject({ status: 'ready', items: items('a'), more: true, loadingMore: false, moreError: { code: 'COMMON.NETWORK' } });
    expect(pagedStep(after, { type: 'moreAsked' })).toMatchObject({ loadingMore: true, moreError: null });
  });

  it('ignores 加载更多 and its answer unless a list is shown', () => {
    expect(pagedStep(loading('a'), { type: 'moreAsked' })).toEqual(loading('a'));
    expect(pagedStep(loading('a'), { type: 'more', answer: page(items('x'), 1) })).toEqual(loading('a'));
  });

  it('after an action, takes the list read again as far as it was shown, in one step', () => {
    // 25 of 30 were shown (a second page loaded); a card was acted on and left the list.
    let s = pagedStep(ready('desk', items(...ids(1, 20)), 30), { type: 'more', answer: page(items(...ids(21, 25)), 30) });
    s = pagedStep(s, { type: 'reload', key: 'desk' });
    expect(s).toMatchObject({ status: 'ready', items: { length: 25 } });
    s = pagedStep(s, { type: 'read', key: 'desk', answers: [page(items(...ids(2, 21)), 29), page(items(...ids(22, 30)), 29)] });
    expect(s).toMatchObject({ status: 'ready', items: items(...ids(2, 30)), total: 29, more: false, staleError: null });
  });

  it('keeps the list on screen, and says so, when reading it again fails; a list not shown shows the error', () => {
    const shown = ready('desk', items('a', 'b'), 2);
    const stale = pagedStep(shown, { type: 'read', key: 'desk', answers: [failure] });
    expect(stale).toEqual({ ...shown, staleError: NETWORK });
    expect(pagedStep(stale, { type: 'read', key: 'desk', answers: [page(items('b'), 1)] })).toMatchObject({ items: items('b'), staleError: null });
    expect(pagedStep(loading('desk'), { type: 'read', key: 'desk', answers: [failure] })).toEqual({ key: 'desk', status: 'error', error: NETWORK });
    // Another list's answers start it over.
    expect(pagedStep(shown, { type: 'read', key: 'pool', answers: [failure] })).toEqual({ key: 'pool', status: 'error', error: NETWORK });
  });

  it('tells items apart by the id the page names (members by userId)', () => {
    type Member = { userId: string };
    const start: PagedState<Member> = { key: 'g1:roles', status: 'ready', items: [{ userId: 'u1' }], total: 3, more: true, loadingMore: true, moreError: null, staleError: null };
    const next = pagedStep(start, { type: 'more', answer: { ok: true, data: { items: [{ userId: 'u1' }, { userId: 'u2' }], total: 3 } } }, (m) => m.userId);
    expect(next).toMatchObject({ items: [{ userId: 'u1' }, { userId: 'u2' }], more: true });
  });
});

describe('readUpTo', () => {
  /** A server list of `total` items, and the reads asked of it. */
  function server(total: number, failAt?: number) {
    const asked: [number, number][] = [];
    const fetchPage = async (offset: number, limit: number): Promise<Answer<Page<Item>>> => {
      asked.push([offset, limit]);
      if (offset === failAt) return failure;
      return page(items(...ids(offset + 1, Math.min(total, offset + limit))), total);
    };
    return { asked, fetchPage };
  }

  it('reads the first page only when no more than a page was shown', async () => {
    const s = server(50);
    expect(await readUpTo(s.fetchPage, 20, 12)).toHaveLength(1);
    expect(s.asked).toEqual([[0, 20]]);
  });

  it('reads on, a page at a time, as far as was shown', async () => {
    const s = server(50);
    const answers = await readUpTo(s.fetchPage, 20, 40);
    expect(s.asked).toEqual([
      [0, 20],
      [20, 20],
    ]);
    expect(answers.flatMap((a) => (a.ok ? a.data.items : []))).toEqual(items(...ids(1, 40)));
  });

  it('stops at the total, at an empty page, and at a failure', async () => {
    const short = server(25);
    await readUpTo(short.fetchPage, 20, 60);
    expect(short.asked).toEqual([
      [0, 20],
      [20, 20],
    ]);
    const empty = server(0);
    expect(await readUpTo(empty.fetchPage, 20, 60)).toEqual([page([], 0)]);
    const broken = server(60, 20);
    expect(await readUpTo(broken.fetchPage, 20, 60)).toEqual([page(items(...ids(1, 20)), 60), failure]);
  });
});

describe('asPage', () => {
  it('reads a list answer as a page, and passes a failure on', () => {
    expect(asPage({ ok: true, data: { orders: items('a'), total: 7 } }, 'orders')).toEqual(page(items('a'), 7));
    expect(asPage<'orders', Item>(failure as Answer<{ orders: Item[]; total: number }>, 'orders')).toBe(failure);
  });
});
