import { ORDER_STATE_LABELS, ORDER_STATES, stateLabelAt } from '../../../../shared/orders/order.machine';

/**
 * An order's state in the words every screen, notice, export and Open311 note uses: a waiting order
 * names the level that holds it, an order at a compound's desk names the kind of desk.
 */
describe('stateLabelAt', () => {
  it.each([
    ['grid', '待网格长处理'],
    ['community', '待社区处理'],
    ['street', '待街道处理'],
  ] as const)('a waiting order at the %s level reads %s', (level, label) => {
    expect(stateLabelAt('waiting', level)).toBe(label);
  });

  it.each([
    ['property', '待物业服务中心处理'],
    ['unit', '待单位后勤处理'],
    ['branch', '待小区党支部处理'],
  ] as const)('an order at a %s desk reads %s', (party, label) => {
    expect(stateLabelAt('desk', 'grid', { party })).toBe(label);
  });

  it('an order at a desk it does not name reads the state’s own label, and a desk never changes another state', () => {
    expect(stateLabelAt('desk', 'grid', null)).toBe(ORDER_STATE_LABELS.desk);
    for (const state of ORDER_STATES.filter((s) => s !== 'desk' && s !== 'waiting')) expect(stateLabelAt(state, 'community', { party: 'unit' })).toBe(ORDER_STATE_LABELS[state]);
  });
});
