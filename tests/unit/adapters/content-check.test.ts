import { msgSecCheck, normalizeText, wordListContentCheck, type MsgSecCheckApi } from '../../../cloudfunctions/_core/adapters/content-check';
import { BLOCKED_PHRASES } from '../../../cloudfunctions/_core/adapters/content-words';

describe('local content check (word list)', () => {
  const check = wordListContentCheck();

  it('folds full-width characters, spaces, separators and case', () => {
    expect(normalizeText('ＡＢＣ１２３')).toBe('abc123');
    expect(normalizeText('赌　球')).toBe('赌球');
    expect(normalizeText('赌 *球')).toBe('赌球');
    expect(normalizeText('刷\u200b单·返-利')).toBe('刷单返利');
  });

  it('blocks listed phrases however they are spaced or widened, with their label', async () => {
    await expect(check.checkText('加我微信，网 络 赌 博稳赚', 'o1')).resolves.toEqual({ safe: false, label: 'crime' });
    await expect(check.checkText('招聘刷单返利兼职', 'o1')).resolves.toEqual({ safe: false, label: 'fraud' });
    await expect(check.checkText('你个傻　逼', 'o1')).resolves.toEqual({ safe: false, label: 'abuse' });
    await expect(check.checkText('同城约-炮', 'o1')).resolves.toEqual({ safe: false, label: 'porn' });
  });

  it('lets residents report the very harms the list names', async () => {
    for (const text of ['楼下棋牌室有人聚众赌博，请网格员处理', '我父亲接到诈骗电话，想请民警上门讲讲防骗', '3号楼电梯坏了，老人下不了楼', '']) {
      await expect(check.checkText(text, 'o1')).resolves.toEqual({ safe: true });
    }
  });

  it('every listed phrase is blocked', async () => {
    for (const words of Object.values(BLOCKED_PHRASES)) for (const w of words) expect((await check.checkText(`前${w}后`, 'o1')).safe).toBe(false);
  });
});

describe('production content check (msgSecCheck v2)', () => {
  const api = (answer: (content: string) => { result?: { suggest?: string; label?: number } } | Error) => {
    const calls: Parameters<MsgSecCheckApi['security']['msgSecCheck']>[0][] = [];
    const openapi: MsgSecCheckApi = {
      security: {
        async msgSecCheck(params) {
          calls.push(params);
          const a = answer(params.content);
          if (a instanceof Error) throw a;
          return a;
        },
        async mediaCheckAsync() {
          throw new Error('texts never go to the image check');
        },
      },
    };
    return { openapi, calls };
  };

  it('sends the openid, scene and version 2, and passes on suggest "pass"', async () => {
    const { openapi, calls } = api(() => ({ result: { suggest: 'pass', label: 100 } }));
    await expect(msgSecCheck(openapi).checkText('电梯坏了', 'oUser')).resolves.toEqual({ safe: true });
    expect(calls).toEqual([{ openid: 'oUser', scene: 3, version: 2, content: '电梯坏了' }]);
  });

  it('treats review and risky as unsafe, naming the label', async () => {
    await expect(msgSecCheck(api(() => ({ result: { suggest: 'risky', label: 20006 } })).openapi).checkText('x', 'o')).resolves.toEqual({ safe: false, label: 'crime' });
    await expect(msgSecCheck(api(() => ({ result: { suggest: 'review', label: 12345 } })).openapi).checkText('x', 'o')).resolves.toEqual({ safe: false, label: '12345' });
    await expect(msgSecCheck(api(() => ({})).openapi).checkText('x', 'o')).resolves.toEqual({ safe: false, label: 'other' });
  });

  it('checks long texts in 2,500-character pieces and stops at the first unsafe one', async () => {
    const { openapi, calls } = api((content) => ({ result: { suggest: content.startsWith('b') ? 'risky' : 'pass', label: 20003 } }));
    const text = 'a'.repeat(2500) + 'b'.repeat(2500) + 'c'.repeat(10);
    await expect(msgSecCheck(openapi).checkText(text, 'o')).resolves.toEqual({ safe: false, label: 'abuse' });
    expect(calls.map((c) => c.content.length)).toEqual([2500, 2500]);
  });

  it('does not call WeChat for blank text, and throws (never passes) when WeChat fails', async () => {
    const blank = api(() => ({ result: { suggest: 'pass' } }));
    await expect(msgSecCheck(blank.openapi).checkText('  ', 'o')).resolves.toEqual({ safe: true });
    expect(blank.calls).toHaveLength(0);
    await expect(msgSecCheck(api(() => Object.assign(new Error('system busy'), { errCode: -1 })).openapi).checkText('x', 'o')).rejects.toThrow('system busy');
    await expect(msgSecCheck(api(() => Object.assign(new Error('risky'), { errCode: 87014 })).openapi).checkText('x', 'o')).resolves.toEqual({ safe: false, label: 'other' });
  });
});
