import fc from 'fast-check';
import { fillTemplate, miniprogramStateOf, SUBSCRIBE_TEMPLATES, TEMPLATE_KEYS, type NoticeText, type TemplateKey } from '../../../../shared/notices/templates';
import { typeOfKey, valueProblem } from '../../../../shared/notices/wechat-values';

const SENT = '2026-12-06T01:05:00.000Z'; // 北京时间 09:05
const LONG = '小区东门口的路灯从上周开始一到晚上就不亮老人出门很不方便';

/** One representative notice per template, as the lifecycles write them (the longest titles they produce). */
const EVENTS: Record<TemplateKey, Omit<NoticeText, 'template'>> = {
  'order.offered': { title: '有新的派单', body: '水电维修：请在 30 分钟内确认', facts: { subject: '水电维修', place: '幸福里小区3号楼', when: '2026-12-06T01:35:00.000Z' } },
  'order.accepted': { title: '您的事项有人接单了', body: '志愿者 王建国 已接单，会尽快联系您', facts: { subject: '水电维修', who: '王建国' } },
  'order.resolved': { title: '您的事项已办结，请评价', body: '水电维修已处理，请您评价', facts: { subject: '水电维修' } },
  'order.escalated': { title: '您的事项已上报至社区', body: `环境卫生：${LONG}`, facts: { subject: '环境卫生', state: '已上报' } },
  'order.closed': { title: '您的事项已复核办结', body: '已电话回访，居民认可处理结果', facts: { subject: '邻里纠纷' } },
  'order.comment': { title: '事项有新留言', body: '师傅下午三点左右到，请家里留人', facts: { subject: '水电维修' } },
  'topic.supported': { title: '居民议题附议已达标', body: `「${LONG}」已有 12 位居民附议，请决定是否采纳`, facts: { subject: LONG } },
  'topic.adopted': { title: '您提出的议题已被采纳', body: `「${LONG}」已被网格长采纳，将提交议事会讨论`, facts: { subject: LONG } },
  'topic.answered': { title: '您提出的议题有了答复', body: '「加装电梯」：已联系住建部门，下月初现场踏勘', facts: { subject: '加装电梯' } },
  'topic.decided': { title: '议题有了表决结果', body: '「加装电梯」议事会表决：通过', facts: { subject: '加装电梯' } },
  'topic.rate': { title: '请评价议题落实效果', body: '「加装电梯」已办结，请为落实效果打分（效果共评）', facts: { subject: '加装电梯' } },
  'meeting.invited': {
    title: '微网格议事会邀请',
    body: '「关于三号楼加装电梯费用分摊方案的第二次协商」，社区党群服务站二楼会议室',
    facts: { subject: '关于三号楼加装电梯费用分摊方案的第二次协商', when: '2026-12-08T11:00:00.000Z', place: '社区党群服务站二楼会议室' },
  },
  'meeting.cancelled': { title: '会议已取消', body: '「加装电梯协商」已取消：部分业主外出，改期另行通知', facts: { subject: '加装电梯协商', when: '2026-12-08T11:00:00.000Z' } },
  'meeting.reminder': {
    title: '会议提醒',
    body: '「加装电梯协商」明天召开，地点：党群服务站',
    facts: { subject: '加装电梯协商', when: '2026-12-08T11:00:00.000Z', place: '党群服务站' },
  },
  'meeting.minutesDue': { title: '请填写会议纪要', body: '「加装电梯协商」结束已满 24 小时，纪要还未填写', facts: { subject: '加装电梯协商' } },
  'meeting.minutes': { title: '会议纪要已发布', body: '「加装电梯协商」的纪要和决议已发布', facts: { subject: '加装电梯协商' } },
  'council.decision': { title: '微网格议事会决议公示', body: '加装电梯：通过；楼道堆物清理：通过；停车位划线：暂缓', facts: { subject: '加装电梯协商' } },
  'liuyou.submitted': { title: '六有自查待审核', body: '幸福里社区2026年第四季度六有自查已提交，自评 86 分', facts: { subject: '幸福里社区2026年第四季度六有自查' } },
  'liuyou.returned': {
    title: '六有自查被退回',
    body: '幸福里社区2026年第四季度六有自查有 2 项需要修改：有钱办事、有地方议事',
    facts: { subject: '幸福里社区2026年第四季度六有自查' },
  },
  'liuyou.scored': { title: '六有评定结果', body: '幸福里社区2026年第四季度六有自查评定为 88 分', facts: { subject: '幸福里社区2026年第四季度六有自查' } },
  'liuyou.taskOverdue': { title: '整改任务已逾期', body: '「议事场所挂牌」已超过完成期限 3 天，请尽快整改', facts: { subject: '议事场所挂牌' } },
  'invite.redeemed': { title: '邀请码已被使用', body: '您发放的「网格长」邀请码已被兑换', facts: { subject: '网格长邀请码' } },
  'account.inactive': {
    title: '账号即将注销，打开红邻即可保留',
    body: '您的红邻账号已 2 年未使用，将于2027年1月5日 09:05后注销并匿名化。在此之前打开红邻即可保留账号',
    facts: { subject: '账号已2年未使用', when: '2027-01-05T01:05:00.000Z' },
  },
};

describe('the subscribe-message templates', () => {
  it('gives every template its own keys, each a type WeChat knows, each with a label, in order', () => {
    for (const key of TEMPLATE_KEYS) {
      const spec = SUBSCRIBE_TEMPLATES[key];
      expect(spec.libraryTitle.length).toBeGreaterThan(0);
      const keys = spec.fields.map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const f of spec.fields) {
        expect(typeOfKey(f.key)).not.toBeNull();
        expect(f.label.length).toBeGreaterThan(0);
      }
      // WeChat's templates carry at most five keywords.
      expect(keys.length).toBeLessThanOrEqual(5);
    }
  });

  it.each(TEMPLATE_KEYS)('fills %s from a representative event with values WeChat accepts', (template) => {
    const res = fillTemplate({ template, page: '/packages/orders/detail/index?id=ord_1', ...EVENTS[template] }, SENT);
    if (!res.ok) throw new Error(JSON.stringify(res.problems));
    expect(Object.keys(res.payload.data)).toEqual(SUBSCRIBE_TEMPLATES[template].fields.map((f) => f.key));
    for (const [key, { value }] of Object.entries(res.payload.data)) expect([key, valueProblem(key, value)]).toEqual([key, null]);
    expect(res.payload.page).toBe('packages/orders/detail/index?id=ord_1');
  });

  it('cuts long Chinese titles to 20 characters with an ellipsis and writes the times on the Beijing clock', () => {
    const invited = fillTemplate({ template: 'meeting.invited', ...EVENTS['meeting.invited'] }, SENT);
    expect(invited.ok && invited.payload.data).toEqual({
      thing1: { value: '关于三号楼加装电梯费用分摊方案的第二次…' },
      time2: { value: '2026年12月8日 19:00' },
      thing3: { value: '社区党群服务站二楼会议室' },
      thing4: { value: '「关于三号楼加装电梯费用分摊方案的第二…' },
    });
    const offered = fillTemplate({ template: 'order.offered', ...EVENTS['order.offered'] }, SENT);
    expect(offered.ok && offered.payload.data.time3).toEqual({ value: '2026年12月6日 09:35' });
    const resolved = fillTemplate({ template: 'order.resolved', ...EVENTS['order.resolved'] }, SENT);
    expect(resolved.ok && resolved.payload.data).toMatchObject({ phrase2: { value: '已办结' }, time3: { value: '2026年12月6日 09:05' } });
  });

  it('falls back where a fact is missing: the title as the subject, the time it was sent, a placeholder place', () => {
    const res = fillTemplate({ template: 'order.offered', title: '有新的派单', body: '请确认' }, SENT);
    expect(res.ok && res.payload.data).toEqual({
      thing1: { value: '有新的派单' },
      thing2: { value: '见详情' },
      time3: { value: '2026年12月6日 09:05' },
      thing4: { value: '请确认' },
    });
  });

  it('refuses, naming the keys, what cannot be made valid: an empty body, a time that is not one, a state in no Chinese', () => {
    expect(fillTemplate({ template: 'order.comment', title: '事项有新留言', body: '   ' }, SENT)).toEqual({ ok: false, problems: [{ key: 'thing2', problem: '不能为空' }] });
    expect(fillTemplate({ template: 'meeting.reminder', title: '会议提醒', body: 'x', facts: { when: 'tomorrow' } }, SENT)).toEqual({
      ok: false,
      problems: [{ key: 'time2', problem: '不能为空' }],
    });
    expect(fillTemplate({ template: 'order.escalated', title: 't', body: 'b', facts: { state: 'UP' } }, SENT)).toEqual({
      ok: false,
      problems: [{ key: 'phrase2', problem: '不能为空' }],
    });
    expect(fillTemplate({ template: 'no.such' as TemplateKey, title: 't', body: 'b' }, SENT)).toMatchObject({ ok: false });
  });

  it('for any texts a person could write, a filled message either passes every rule or is refused — never sent broken', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEMPLATE_KEYS),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.record({ subject: fc.string({ maxLength: 60 }), place: fc.string({ maxLength: 40 }), who: fc.string({ maxLength: 20 }) }, { requiredKeys: [] }),
        (template, title, body, facts) => {
          const res = fillTemplate({ template, title, body, facts }, SENT);
          if (res.ok) for (const [key, { value }] of Object.entries(res.payload.data)) expect(valueProblem(key, value)).toBeNull();
          else expect(res.problems.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('reads miniprogramState from the environment: the released version unless told otherwise', () => {
    expect(miniprogramStateOf(undefined)).toBe('formal');
    expect(miniprogramStateOf('')).toBe('formal');
    expect(miniprogramStateOf('trial')).toBe('trial');
    expect(miniprogramStateOf('developer')).toBe('developer');
    expect(() => miniprogramStateOf('release')).toThrow(/developer, trial, formal/);
  });
});
