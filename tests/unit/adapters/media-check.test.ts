import { LOCAL_RISKY_IMAGE_MARKER, msgSecCheck, wordListContentCheck, type MsgSecCheckApi } from '../../../cloudfunctions/_core/adapters/content-check';
import { parseMediaCheckEvent } from '../../../cloudfunctions/mediacheck/mediacheck.function';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13]);
const file = { fileId: 'local://photos/usr-0001/img_1.png', url: '/files/photos/usr-0001/img_1.png' };

describe('production image check (mediaCheckAsync v2)', () => {
  function wechat(answer: () => { traceId?: string; errCode?: number }) {
    const calls: Parameters<MsgSecCheckApi['security']['mediaCheckAsync']>[0][] = [];
    const openapi: MsgSecCheckApi = {
      security: {
        msgSecCheck: async () => {
          throw new Error('images never go to the text check');
        },
        mediaCheckAsync: async (params) => {
          calls.push(params);
          return answer();
        },
      },
    };
    return { openapi, calls };
  }

  it('sends the temporary URL as an image (mediaType 2), version 2, the public-post scene and the openid, and answers the trace id only', async () => {
    const { openapi, calls } = wechat(() => ({ traceId: '65557e88-016af6aa-17e69df6', errCode: 0 }));
    await expect(msgSecCheck(openapi).checkImage(file, 'oUser')).resolves.toEqual({ traceId: '65557e88-016af6aa-17e69df6' });
    expect(calls).toEqual([{ mediaUrl: file.url, mediaType: 2, version: 2, scene: 3, openid: 'oUser' }]);
  });

  it('throws when WeChat gives no trace id: there would be no verdict to wait for', async () => {
    await expect(msgSecCheck(wechat(() => ({ errCode: 45009 })).openapi).checkImage(file, 'oUser')).rejects.toThrow('45009');
  });
});

describe('local image check (a marker in the bytes)', () => {
  const stored = new Map<string, Uint8Array>([
    ['local://photos/usr-0001/clean.png', PNG],
    ['local://photos/usr-0001/risky.png', new Uint8Array([...PNG, ...Buffer.from(`..${LOCAL_RISKY_IMAGE_MARKER}..`)])],
  ]);
  const check = wordListContentCheck(undefined, async (fileId) => stored.get(fileId) ?? null);
  const verdictOf = async (fileId: string) => (await check.checkImage({ fileId, url: '' }, 'o1')).verdict;

  it('decides at once: risky with the marker, pass without, risky when the file cannot be read', async () => {
    await expect(verdictOf('local://photos/usr-0001/risky.png')).resolves.toEqual({ suggest: 'risky', label: 'marker' });
    await expect(verdictOf('local://photos/usr-0001/clean.png')).resolves.toEqual({ suggest: 'pass' });
    await expect(verdictOf('local://photos/usr-0001/missing.png')).resolves.toEqual({ suggest: 'risky', label: 'unreadable' });
  });

  it('gives every check a trace id of its own', async () => {
    const a = await check.checkImage({ fileId: 'local://photos/usr-0001/clean.png', url: '' }, 'o1');
    const b = await check.checkImage({ fileId: 'local://photos/usr-0001/clean.png', url: '' }, 'o1');
    expect(a.traceId).not.toBe(b.traceId);
  });
});

describe('the wxa_media_check event', () => {
  const event = { ToUserName: 'gh_x', MsgType: 'event', Event: 'wxa_media_check', trace_id: 't-1', version: 2, result: { suggest: 'risky', label: 20002 } };

  it('reads the trace id, the suggestion and the label', () => {
    expect(parseMediaCheckEvent(event)).toEqual({ traceId: 't-1', suggest: 'risky', label: '20002' });
    expect(parseMediaCheckEvent({ ...event, result: { suggest: 'pass' } })).toEqual({ traceId: 't-1', suggest: 'pass' });
    expect(parseMediaCheckEvent({ ...event, result: { suggest: 'review', label: '<script>' } })).toEqual({ traceId: 't-1', suggest: 'review' });
  });

  it('is nothing else', () => {
    for (const e of [{ ...event, Event: 'other' }, { ...event, trace_id: 7 }, { ...event, trace_id: '' }, { ...event, result: { suggest: 'RISKY' } }, { action: 'x' }, [], 0])
      expect([e, parseMediaCheckEvent(e)]).toEqual([e, null]);
  });
});
