import { maskPhones, subscribeMessageNotifier, type SubscribeMessageApi } from '../../../cloudfunctions/_core/adapters/notifier';
import { isFinalRefusal } from '../../../cloudfunctions/_core/outbox';
import { templateEnvName } from '../../../shared/notices/templates';

describe('phone masking', () => {
  it('masks mainland mobile numbers however they are written, and nothing else', () => {
    expect(maskPhones('请联系13812345678')).toBe('请联系***********');
    expect(maskPhones('电话 138-1234-5678 或 +86 139 1234 5678')).toBe('电话 ***-****-**** 或 +** *** **** ****');
    expect(maskPhones('订单 2026110112345 第3号楼 101室')).toBe('订单 2026110112345 第3号楼 101室');
  });
});

describe('subscribe-message notifier', () => {
  const setup = (fail?: Error) => {
    const sent: Parameters<SubscribeMessageApi['subscribeMessage']['send']>[0][] = [];
    const openapi: SubscribeMessageApi = {
      subscribeMessage: {
        async send(params) {
          if (fail) throw fail;
          sent.push(params);
          return { errCode: 0 };
        },
      },
    };
    return { openapi, sent };
  };
  const n = {
    recipientId: 'usr_1',
    template: 'invite.redeemed' as const,
    title: '邀请码已被使用',
    body: '您发放的「网格长」邀请码已被兑换，联系13812345678',
    page: '/pages/me/index',
    facts: { subject: '网格长邀请码（联系13812345678）' },
  };

  it('names the template variable after the key', () => {
    expect(templateEnvName('invite.redeemed')).toBe('HONGLIN_TEMPLATE_INVITE_REDEEMED');
    expect(templateEnvName('meeting.minutesDue')).toBe('HONGLIN_TEMPLATE_MEETING_MINUTESDUE');
    expect(templateEnvName('order.resolved-please-rate')).toBe('HONGLIN_TEMPLATE_ORDER_RESOLVED_PLEASE_RATE');
  });

  it('reports an unconfigured template as not delivered, without calling WeChat', async () => {
    const { openapi, sent } = setup();
    await expect(subscribeMessageNotifier(openapi, {}).send(n, 'oUser')).resolves.toEqual({
      delivered: false,
      reason: 'no template configured (HONGLIN_TEMPLATE_INVITE_REDEEMED)',
    });
    expect(sent).toHaveLength(0);
  });

  it("sends the template's own keys filled from the notice, a bare page, phones masked, to the released version by default", async () => {
    const { openapi, sent } = setup();
    const notifier = subscribeMessageNotifier(openapi, { HONGLIN_TEMPLATE_INVITE_REDEEMED: 'tmpl-123' });
    await expect(notifier.send(n, 'oUser')).resolves.toEqual({ delivered: true });
    expect(sent).toHaveLength(1);
    const [msg] = sent;
    expect(msg).toMatchObject({ touser: 'oUser', templateId: 'tmpl-123', page: 'pages/me/index', miniprogramState: 'formal' });
    expect(Object.keys(msg!.data)).toEqual(['thing1', 'phrase2', 'time3']);
    // 21 characters, cut to WeChat's 20 with the ellipsis as the twentieth.
    expect(msg!.data.thing1!.value).toBe('网格长邀请码（联系**********…');
    expect(msg!.data.phrase2!.value).toBe('已使用');
    expect(msg!.data.time3!.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
  });

  it("sends the payload an outbox row kept, as it was kept, with the environment's miniprogramState", async () => {
    const { openapi, sent } = setup();
    const notifier = subscribeMessageNotifier(openapi, { HONGLIN_TEMPLATE_INVITE_REDEEMED: 'tmpl-123', HONGLIN_MINIPROGRAM_STATE: 'trial' });
    const wx = { page: 'pages/me/index', data: { thing1: { value: '网格长邀请码' }, phrase2: { value: '已使用' }, time3: { value: '2026年11月1日 16:00' } } };
    await expect(notifier.send({ ...n, outboxId: 'msg_1', wx }, 'oUser')).resolves.toEqual({ delivered: true });
    expect(sent).toEqual([{ touser: 'oUser', templateId: 'tmpl-123', miniprogramState: 'trial', ...wx }]);
  });

  it('never sends a row whose payload broke the rules, nor with a miniprogramState WeChat does not know; both are final', async () => {
    const { openapi, sent } = setup();
    const notifier = subscribeMessageNotifier(openapi, { HONGLIN_TEMPLATE_INVITE_REDEEMED: 't' });
    await expect(notifier.send({ ...n, outboxId: 'msg_1', wx: null }, 'oUser')).resolves.toEqual({ delivered: false, reason: 'invalid template data' });
    const misconfigured = subscribeMessageNotifier(openapi, { HONGLIN_TEMPLATE_INVITE_REDEEMED: 't', HONGLIN_MINIPROGRAM_STATE: 'release' });
    await expect(misconfigured.send(n, 'oUser')).resolves.toEqual({ delivered: false, reason: 'invalid HONGLIN_MINIPROGRAM_STATE' });
    expect(sent).toHaveLength(0);
    expect(isFinalRefusal('invalid template data')).toBe(true);
    expect(isFinalRefusal('invalid HONGLIN_MINIPROGRAM_STATE')).toBe(true);
  });

  it('answers a refusal from WeChat (not subscribed) as not delivered with only the code', async () => {
    const { openapi } = setup(Object.assign(new Error('user refuse to accept the msg, openid oUser'), { errCode: 43101 }));
    const res = await subscribeMessageNotifier(openapi, { HONGLIN_TEMPLATE_INVITE_REDEEMED: 't' }).send(n, 'oUser');
    expect(res).toEqual({ delivered: false, reason: 'wechat refused (43101)' });
    expect(JSON.stringify(res)).not.toContain('oUser');
  });
});
