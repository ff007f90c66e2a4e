import { maskPhones, subscribeMessageNotifier, templateEnvName, type SubscribeMessageApi } from '../../../cloudfunctions/_core/adapters/notifier';

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
  const n = { recipientId: 'usr_1', template: 'invite.redeemed', title: '邀请码已被使用', body: '您发放的「网格长」邀请码已被兑换，联系13812345678', page: '/pages/me/index' };

  it('names the template variable after the key', () => {
    expect(templateEnvName('invite.redeemed')).toBe('HONGLIN_TEMPLATE_INVITE_REDEEMED');
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

  it('sends to the OPENID with the template id, a bare page and thing fields cut to 20 characters, phones masked', async () => {
    const { openapi, sent } = setup();
    const notifier = subscribeMessageNotifier(openapi, { HONGLIN_TEMPLATE_INVITE_REDEEMED: 'tmpl-123' });
    await expect(notifier.send(n, 'oUser')).resolves.toEqual({ delivered: true });
    expect(sent).toEqual([
      {
        touser: 'oUser',
        templateId: 'tmpl-123',
        page: 'pages/me/index',
        data: { thing1: { value: '邀请码已被使用' }, thing2: { value: '您发放的「网格长」邀请码已被兑换，联系*' } },
      },
    ]);
    await notifier.send({ ...n, page: undefined, data: { thing3: '一二三四五六七八九十一二三四五六七八九十多', time4: '2026-11-01 08:00' } }, 'oUser');
    expect(sent[1]).toEqual({
      touser: 'oUser',
      templateId: 'tmpl-123',
      data: { thing3: { value: '一二三四五六七八九十一二三四五六七八九十' }, time4: { value: '2026-11-01 08:00' } },
    });
  });

  it('answers a refusal from WeChat (not subscribed) as not delivered with only the code', async () => {
    const { openapi } = setup(Object.assign(new Error('user refuse to accept the msg, openid oUser'), { errCode: 43101 }));
    const res = await subscribeMessageNotifier(openapi, { HONGLIN_TEMPLATE_INVITE_REDEEMED: 't' }).send(n, 'oUser');
    expect(res).toEqual({ delivered: false, reason: 'wechat refused (43101)' });
    expect(JSON.stringify(res)).not.toContain('oUser');
  });
});
