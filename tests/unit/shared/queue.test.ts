import { homeFiltersAt, homeSections, queueFiltersAt, QUEUE_FILTER_LABELS, QUEUE_FILTERS } from '../../../shared/orders/queue';

describe('the home page’s sections, first to last', () => {
  it.each([
    [{ volunteer: false, offersWaiting: 0, leadsPlaces: 0 }, ['mine']],
    [{ volunteer: true, offersWaiting: 1, leadsPlaces: 0 }, ['offers', 'mine']],
    [{ volunteer: true, offersWaiting: 0, leadsPlaces: 0 }, ['mine', 'offers']],
    [{ volunteer: false, offersWaiting: 0, leadsPlaces: 1 }, ['queues', 'mine']],
    [{ volunteer: true, offersWaiting: 2, leadsPlaces: 1 }, ['offers', 'queues', 'mine']],
    [{ volunteer: true, offersWaiting: 0, leadsPlaces: 2 }, ['queues', 'mine', 'offers']],
  ])('%j → %j', (facts, sections) => {
    expect(homeSections(facts)).toEqual(sections);
  });
});

describe('the queue’s filters by level', () => {
  it('has 已上报 everywhere but the street, and puts 待处理, 超时, 差评复核, 已上报 on the home page', () => {
    expect(queueFiltersAt('grid')).toEqual([...QUEUE_FILTERS]);
    expect(queueFiltersAt('street')).not.toContain('escalated');
    expect(homeFiltersAt('grid').map((f) => QUEUE_FILTER_LABELS[f])).toEqual(['待处理', '超时', '差评复核', '已上报']);
    expect(homeFiltersAt('street').map((f) => QUEUE_FILTER_LABELS[f])).toEqual(['待处理', '超时', '差评复核']);
  });
});
