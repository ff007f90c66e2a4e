import { jsonFile, safeJsonName, saveWay } from '../../../miniprogram/lib/json-file';

/** 我的数据 → 保存为文件: what the file is called, what it holds, and which way each host saves it. */
describe('the file of 我的数据', () => {
  it('keeps the name the server gave it, with its .json ending', () => {
    expect(safeJsonName('红邻-我的数据-20261206.json')).toBe('红邻-我的数据-20261206.json');
    expect(safeJsonName('红邻-我的数据-20261206')).toBe('红邻-我的数据-20261206.json');
    expect(safeJsonName('DATA.JSON')).toBe('DATA.JSON');
  });

  it('never names a folder or a character a file system refuses', () => {
    expect(safeJsonName('../../etc/passwd')).toBe('.._.._etc_passwd.json');
    expect(safeJsonName('a:b*c?"d"<e>|f\u0000.json')).toBe('a_b_c__d__e__f_.json');
    expect(safeJsonName('   ')).toBe('data.json');
  });

  it('keeps a long name under 120 characters, still ending in .json', () => {
    const name = safeJsonName(`${'很'.repeat(300)}.json`);
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('.json')).toBe(true);
  });

  it('holds the data pretty-printed, so it reads on any phone, and parses back to the same data', () => {
    const data = { format: 'honglin.personal-data/1', userId: 'u_1', sections: [{ key: 'profile', title: '我的资料', records: [] }] };
    const file = jsonFile(data, '红邻-我的数据-20261206.json');
    expect(file.fileName).toBe('红邻-我的数据-20261206.json');
    expect(file.text).toContain('\n  "userId": "u_1",\n');
    expect(file.text.endsWith('\n')).toBe(true);
    expect(JSON.parse(file.text)).toEqual(data);
  });
});

describe('which way the file is saved', () => {
  it('downloads in a browser (H5), whatever WeChat could do', () => {
    expect(saveWay('h5', false)).toBe('download');
    expect(saveWay('h5', true)).toBe('download');
  });

  it('in WeChat, writes it and offers the share sheet where the client has one', () => {
    expect(saveWay('weapp', true)).toBe('share');
  });

  it('in WeChat without file sharing (a PC client, an old base library), only writes it', () => {
    expect(saveWay('weapp', false)).toBe('write');
    expect(saveWay(undefined, false)).toBe('write');
  });
});
