import fc from 'fast-check';
import { fitName, fitPhrase, fitThing, fitTime, typeOfKey, valueProblem, VALUE_TYPES } from '../../../../shared/notices/wechat-values';

describe("WeChat's value rules for subscribe-message keys", () => {
  it('reads the value type from the key, and knows no other', () => {
    expect(typeOfKey('thing1')).toBe('thing');
    expect(typeOfKey('character_string12')).toBe('character_string');
    expect(typeOfKey('phone_number3')).toBe('phone_number');
    expect(typeOfKey('phrase5')).toBe('phrase');
    for (const bad of ['thing', '1thing', 'title1', 'Thing1', 'thing1a', '']) expect(typeOfKey(bad)).toBeNull();
    expect(VALUE_TYPES).toHaveLength(12);
  });

  it.each([
    ['thing1', '一二三四五六七八九十一二三四五六七八九十', null],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十多', '超过 20 个字'],
    ['thing1', '', '不能为空'],
    ['thing1', '第一行\n第二行', '不能含换行或控制字符'],
    ['thing1', ' 前面有空格', '首尾不能有空格'],
    ['phrase2', '已上报', null],
    ['phrase2', '已经上报了吗', '只能是 5 个以内的汉字'],
    ['phrase2', 'OK', '只能是 5 个以内的汉字'],
    ['time3', '15:01', null],
    ['time3', '2026年12月6日 09:05', null],
    ['time3', '2026-12-06 09:05:30', null],
    ['time3', '2026年12月6日 09:05 ~ 2026年12月6日 11:00', null],
    ['time3', '2026年12月6日', '不是 24 小时制时间'],
    ['time3', '25:00', '不是 24 小时制时间'],
    ['date4', '2026年12月6日', null],
    ['date4', '2026-12-06', null],
    ['date4', '12月6日', '不是年月日格式'],
    ['character_string5', 'ORD-2026-00042', null],
    ['character_string5', '工单42', '只能是 32 位以内的数字、字母或符号'],
    ['character_string5', 'x'.repeat(33), '只能是 32 位以内的数字、字母或符号'],
    ['number6', '3.5', null],
    ['number6', '三', '只能是 32 位以内的数字'],
    ['name7', '张桂英', null],
    ['name7', '欧阳·娜娜', null],
    ['name7', 'Zhang Guiying', null],
    ['name7', '张3', '中文名只能是 10 个以内的汉字'],
    ['amount8', '¥12.50', null],
    ['amount8', '12元', null],
    ['phone_number9', '0571-88886666', null],
    ['car_number10', '浙A12345', null],
    ['car_number10', 'A浙12345', '不是车牌格式'],
    ['letter11', 'abc', null],
    ['symbol12', '★', null],
  ])('%s = %j → %s', (key, value, problem) => {
    expect(valueProblem(key, value)).toBe(problem);
  });

  it('fits any text to a thing WeChat takes: one line, at most 20 characters, cut with an ellipsis only when longer', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const fitted = fitThing(text);
        expect([...fitted].length).toBeLessThanOrEqual(20);
        if (fitted !== '') expect(valueProblem('thing1', fitted)).toBeNull();
        const flat = text.replace(/\s+/g, ' ').trim();
        if (/^[\u4e00-\u9fa5a-z0-9 ，。]*$/.test(flat) && [...flat].length <= 20) expect(fitted).toBe(flat);
      }),
    );
  });

  it('cuts a long Chinese title by characters, never inside one, and leaves out emoji and line breaks', () => {
    expect(fitThing('小区东门口的路灯从上周开始一到晚上就不亮老人出门很不方便')).toBe('小区东门口的路灯从上周开始一到晚上就不…');
    expect(fitThing('楼道灯坏了💡\n请尽快修')).toBe('楼道灯坏了 请尽快修');
    // A character outside the basic plane (𠮷, in names) counts as one and stays whole.
    expect(fitThing('𠮷野家门口积水很深深深深深深深深深深深深深')).toBe('𠮷野家门口积水很深深深深深深深深深深深…');
  });

  it('keeps a phrase to five Chinese characters and a name to what WeChat calls a name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const phrase = fitPhrase(text);
        if (phrase !== '') expect(valueProblem('phrase1', phrase)).toBeNull();
        const name = fitName(text);
        if (name !== '') expect(valueProblem('name1', name)).toBeNull();
      }),
    );
    expect(fitPhrase('已上报至社区')).toBe('已上报至社');
    expect(fitName('志愿者 王建国（3号楼）')).toBe('志愿者王建国号楼');
  });

  it('writes times on the Beijing clock with the year, whatever the host zone', () => {
    expect(fitTime('2026-12-06T01:05:00.000Z')).toBe('2026年12月6日 09:05');
    expect(fitTime('2026-12-31T16:30:00.000Z')).toBe('2027年1月1日 00:30');
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2099-12-31') }), (ms) => {
        expect(valueProblem('time1', fitTime(ms))).toBeNull();
      }),
    );
    expect(() => fitTime('not a time')).toThrow(RangeError);
  });
});
