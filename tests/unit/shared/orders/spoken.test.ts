import fc from 'fast-check';
import { CATEGORIES } from '../../../../shared/orders/categories';
import { ORDER_STATES, type OrderState } from '../../../../shared/orders/order.machine';
import { HAS_PHONE, spokenOffer, spokenPlace, spokenStatus, type SpokenOrder } from '../../../../shared/orders/spoken';

const NOW = '2026-11-23T02:00:00.000Z';
const inMinutes = (m: number) => new Date(Date.parse(NOW) + m * 60_000).toISOString();

const order = (state: OrderState, patch: Partial<SpokenOrder> = {}): SpokenOrder => ({
  state,
  category: '水电维修',
  assigneeName: null,
  preferredTime: null,
  closedAs: null,
  offer: null,
  levelLabel: '网格',
  allowedActions: [],
  ...patch,
});

describe('spokenStatus', () => {
  it('says every state in a sentence of its own', () => {
    const said = ORDER_STATES.map((s) => spokenStatus(order(s), NOW));
    expect(new Set(said).size).toBe(ORDER_STATES.length);
    for (const s of said) expect(s).toMatch(/^[^\n]+。$/);
  });

  it('names who accepted it and never promises a time the order does not have', () => {
    const s = spokenStatus(order('accepted', { assigneeName: '张师傅' }), NOW);
    expect(s).toBe('您的水电维修已由张师傅接单，对方会联系您。');
    expect(s).not.toMatch(/今天|明天|上午|下午|点/);
  });

  it('says the time the resident asked for, as theirs', () => {
    expect(spokenStatus(order('accepted', { assigneeName: '张师傅', preferredTime: '今天下午' }), NOW)).toBe(
      '您的水电维修已由张师傅接单，对方会联系您。您希望的时间是：今天下午。',
    );
    expect(spokenStatus(order('dispatching', { preferredTime: '周末。' }), NOW)).toBe('您的水电维修已经收到，正在为您找志愿者，请稍等。您希望的时间是：周末。');
  });

  it('tells the resident what to do next', () => {
    expect(spokenStatus(order('dispatching'), NOW)).toBe('您的水电维修已经收到，正在为您找志愿者，请稍等。');
    expect(spokenStatus(order('offered', { offer: { volunteerName: '李阿姨' } }), NOW)).toBe('您的水电维修已经派给志愿者李阿姨，正在等对方确认，请稍等。');
    expect(spokenStatus(order('offered'), NOW)).toBe('您的水电维修已经派出去了，正在等对方确认，请稍等。');
    expect(spokenStatus(order('pool'), NOW)).toBe('您的水电维修已经发给附近的志愿者，谁有空谁来接，请稍等。');
    expect(spokenStatus(order('waiting', { levelLabel: '社区' }), NOW)).toBe('您的水电维修已经交给社区负责人处理，有进展会通知您。');
    expect(spokenStatus(order('resolved'), NOW)).toBe('您的水电维修已经办好了，请您给个评价。');
    expect(spokenStatus(order('reopened'), NOW)).toBe('您对这次水电维修不太满意，网格长正在复核，会再联系您。');
    expect(spokenStatus(order('cancelled'), NOW)).toBe('您的水电维修已经撤回了。如果还需要帮忙，可以再报一次。');
  });

  it('says how a closed order was closed', () => {
    expect(spokenStatus(order('closed', { closedAs: 'rated' }), NOW)).toBe('您的水电维修已经办结了，谢谢您的评价。');
    expect(spokenStatus(order('closed', { closedAs: 'unrated' }), NOW)).toBe('您的水电维修已经办结了。');
    expect(spokenStatus(order('closed', { closedAs: 'review' }), NOW)).toBe('您的水电维修经网格长复核，已经办结了。');
  });

  it('tells the volunteer doing it their own next step', () => {
    expect(spokenStatus(order('accepted', { assigneeName: '张师傅', allowedActions: ['resolve', 'comment'], preferredTime: '今天下午' }), NOW)).toBe(
      '这件水电维修由您在办，办好了请点“办结”。对方希望的时间是：今天下午。',
    );
  });

  it('leaves out a phone number typed into the preferred time', () => {
    const s = spokenStatus(order('dispatching', { preferredTime: '晚上 打 138 1234 5678' }), NOW);
    expect(s).not.toMatch(HAS_PHONE);
    expect(s).toContain('您希望的时间是：晚上 打');
  });
});

describe('spokenOffer', () => {
  it('says what, where and how many minutes are left to answer', () => {
    expect(spokenOffer({ category: '水电维修', placeLabel: '幸福里社区 › 第一网格 › 3号楼', expiresAt: inMinutes(14.2) }, NOW)).toBe(
      '有一件水电维修派给您，在幸福里社区3号楼，请在15分钟内确认接不接。',
    );
  });

  it('reads the offer of an order view, and the time the resident wished for', () => {
    expect(spokenOffer({ category: '家居小修', placeLabel: '幸福里社区 › 3号楼', offer: { expiresAt: inMinutes(90) }, preferredTime: '周末' }, NOW)).toBe(
      '有一件家居小修派给您，在幸福里社区3号楼，请在1小时30分钟内确认接不接。对方希望的时间是：周末。',
    );
  });

  it('says when the time to answer has run out, and asks soon when there is no clock', () => {
    expect(spokenOffer({ category: '水电维修', placeLabel: '3号楼', expiresAt: inMinutes(-1) }, NOW)).toBe('这件水电维修确认的时间已经过了，平台正在改派给别人。');
    expect(spokenOffer({ category: '水电维修', placeLabel: '', expiresAt: null }, NOW)).toBe('有一件水电维修派给您，请尽快确认接不接。');
  });

  it('names a place by its community and building', () => {
    expect(spokenPlace('红旗街道 › 幸福里社区 › 第一网格 › 3号楼')).toBe('幸福里社区3号楼');
    expect(spokenPlace('')).toBe('');
  });
});

describe('spoken sentences, for any order', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('13812345678', '138 1234 5678', '138-1234-5678', '１３８１２３４５６７８', '今天下午', '周末。', ' \n '),
    fc.tuple(fc.string({ maxLength: 8 }), fc.stringMatching(/^1[3-9]\d{9}$/), fc.string({ maxLength: 8 })).map((p) => p.join('')),
  );
  const maybe = fc.option(text, { nil: null });
  const instant = fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-01-01') }).map((t) => new Date(t).toISOString());
  const anyOrder = fc.record({
    state: fc.constantFrom(...ORDER_STATES),
    category: fc.constantFrom(...CATEGORIES),
    assigneeName: maybe,
    preferredTime: maybe,
    closedAs: fc.constantFrom('rated' as const, 'unrated' as const, 'review' as const, null),
    offer: fc.option(fc.record({ volunteerName: text, expiresAt: instant }), { nil: null }),
    levelLabel: text,
    allowedActions: fc.subarray(['resolve', 'comment', 'rate', 'cancel']),
    placeLabel: fc.array(text, { maxLength: 5 }).map((parts) => parts.join(' › ')),
    expiresAt: fc.option(instant, { nil: null }),
  });

  it('is always a non-empty sentence ending in 。 and never holds a phone number', () => {
    fc.assert(
      fc.property(anyOrder, instant, (o, now) => {
        for (const said of [spokenStatus(o, now), spokenOffer(o, now)]) {
          expect(said.length).toBeGreaterThan(1);
          expect(said.endsWith('。')).toBe(true);
          expect(said).not.toMatch(HAS_PHONE);
          expect(said).not.toMatch(/1[3-9]\d{9}/);
          expect(said).not.toMatch(/undefined|null|NaN/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
