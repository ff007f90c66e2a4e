import type { Answer } from '../../../miniprogram/services/call';
import { asPage, pagedStep, type Page, type PagedState } from '../../../miniprogram/lib/paged';

/** The paging state of a list (orders, messages, members): first page, 加载更多, reload, errors. */
type Item = { id: string };
const items = (...ids: string[]): Item[] => ids.map((id) => ({ id }));
const page = (list: Item[], total: number): Answer<Page<Item>> => ({ ok: true, data: { items: list, total } });
const NETWORK = { code: 'COMMON.NETWORK', message: '网络不给力，请稍后再试' } as const;
const failure: Answer<Page<Item>> = { ok: false, error: NETWORK };
const loading = (key: string): PagedState<Item> => ({ key, status: 'loading' });

function ready(key: string, list: Item[], total: number): PagedState<Item> {
  return pagedStep(loading(key), { type: 'first', key, answer: page(list, total) });
}

describe('pagedStep', () => {
  it('shows the first page with the total, and offers more while fewer than the total are listed', () => {
    expect(ready('posted', items('a', 'b'), 5)).toEqual({ key: 'posted', status: 'ready', items: items('a', 'b'), total: 5, more: true, loadingMore: false, moreError: null });
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

  it('tells items apart by the id the page names (members by userId)', () => {
    type Member = { userId: string };
    const start: PagedState<Member> = { key: 'g1:roles', status: 'ready', items: [{ userId: 'u1' }], total: 3, more: true, loadingMore: true, moreError: null };
    const next = pagedStep(start, { type: 'more', answer: { ok: true, data: { items: [{ userId: 'u1' }, { userId: 'u2' }], total: 3 } } }, (m) => m.userId);
    expect(next).toMatchObject({ items: [{ userId: 'u1' }, { userId: 'u2' }], more: true });
  });
});

describe('asPage', () => {
  it('reads a list answer as a page, and passes a failure on', () => {
    expect(asPage({ ok: true, data: { orders: items('a'), total: 7 } }, 'orders')).toEqual(page(items('a'), 7));
    expect(asPage<'orders', Item>(failure as Answer<{ orders: Item[]; total: number }>, 'orders')).toBe(failure);
  });
});
