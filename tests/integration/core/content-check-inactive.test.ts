import { msgSecCheck, type MsgSecCheckApi } from '../../../cloudfunctions/_core/adapters/content-check';
import { runCall } from '../../../cloudfunctions/_core/pipeline';
import { OPENID_INACTIVE, type Ports } from '../../../cloudfunctions/_core/ports';
import { councilsFunction } from '../../../cloudfunctions/councils/councils.function';
import { ordersFunction } from '../../../cloudfunctions/orders/orders.function';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { clientKey, MORNING } from '../../helpers/orders';
import { uploadPhoto } from '../../helpers/photos';

/**
 * WeChat checks words and pictures only for someone who opened the mini-program in the last two
 * hours (errcode 61010). A leader working on the PC may not have: what they write is then refused
 * with a plain instruction (COMMON.OPEN_APP_FIRST, on the field), never a system error, and nothing
 * is stored unchecked.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

/** WeChat's content security, answering 61010 to both checks. */
const inactiveWeChat: MsgSecCheckApi = {
  security: {
    msgSecCheck: async () => Promise.reject(Object.assign(new Error('user access record expired'), { errCode: 61010 })),
    mediaCheckAsync: async () => Promise.reject(Object.assign(new Error('user access record expired'), { errCode: 61010 })),
  },
};

describe('a content check WeChat cannot run for this person now', () => {
  it('is thrown by the adapter as OPENID_INACTIVE for words and for pictures; other errors stay as they are', async () => {
    const check = msgSecCheck(inactiveWeChat);
    await expect(check.checkText('楼道灯坏了', 'oUser')).rejects.toMatchObject({ code: OPENID_INACTIVE });
    await expect(check.checkImage({ fileId: 'f', url: 'https://x/f.png' }, 'oUser')).rejects.toMatchObject({ code: OPENID_INACTIVE });
    const busy = msgSecCheck({ security: { ...inactiveWeChat.security, msgSecCheck: async () => Promise.reject(Object.assign(new Error('busy'), { errCode: -1 })) } });
    await expect(busy.checkText('楼道灯坏了', 'oUser')).rejects.toMatchObject({ errCode: -1 });
  });

  it('refuses the words with COMMON.OPEN_APP_FIRST on their field, and stores nothing', async () => {
    const ports: Ports = { ...gw.ports, contentCheck: msgSecCheck(inactiveWeChat) };
    const before = await snapshot(gw);
    const res = await runCall(
      councilsFunction,
      ports,
      { action: 'propose', payload: { clientKey: clientKey(), title: '楼道堆物太多', description: '三楼楼道堆满了纸箱，老人上下楼不方便' } },
      { persona: PERSONAS.resident },
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'COMMON.OPEN_APP_FIRST', field: 'payload.title', message: expect.stringContaining('请先在手机上打开一次红邻小程序') } });
    expect(await snapshot(gw)).toBe(before);
  });

  it('refuses the pictures the same way, on the photo, and stores nothing', async () => {
    const photo = await uploadPhoto(gw, PERSONAS.resident);
    // Words pass (the local list); the picture check is WeChat's and cannot run for this person now.
    const ports: Ports = { ...gw.ports, contentCheck: { checkText: gw.ports.contentCheck.checkText, checkImage: msgSecCheck(inactiveWeChat).checkImage } };
    const before = await snapshot(gw);
    const res = await runCall(
      ordersFunction,
      ports,
      { action: 'post', payload: { category: '水电维修', description: '阳台水管漏水', clientKey: clientKey(), photos: [photo] } },
      { persona: PERSONAS.resident },
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'COMMON.OPEN_APP_FIRST', field: 'payload.photos' } });
    expect(await snapshot(gw)).toBe(before);
  });
});
