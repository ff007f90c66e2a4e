import { heatOf } from '../../../../shared/dashboard/heat';

describe('the heat table’s lines', () => {
  it('出格率 and 超时: lower is better, the lines themselves still good or amber', () => {
    expect([0, 0.1, 0.11, 0.25, 0.26].map((v) => heatOf('leftGridRate', v))).toEqual(['good', 'good', 'amber', 'amber', 'bad']);
    expect([0, 1, 2, 3].map((v) => heatOf('clockBreaches', v))).toEqual(['good', 'amber', 'amber', 'bad']);
  });

  it('办结率 and 满意度: higher is better', () => {
    expect([1, 0.9, 0.89, 0.7, 0.69].map((v) => heatOf('closureRate', v))).toEqual(['good', 'good', 'amber', 'amber', 'bad']);
    expect([0.9, 0.75, 0.74].map((v) => heatOf('satisfaction', v))).toEqual(['good', 'amber', 'bad']);
  });

  it('no value is no judgement', () => {
    expect(heatOf('satisfaction', null)).toBe('none');
  });
});
