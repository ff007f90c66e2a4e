import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

describe('accounts.personas: the switcher says who each persona is', () => {
  it('names each persona with a one-line summary from their data and what to try as them', async () => {
    const res = await gw.call(PERSONAS.gridLeader, 'accounts', 'personas', {});
    if (!res.body.ok) throw new Error(res.body.error.code);
    const byOpenid = new Map((res.body.data.personas as { openid: string; name: string; summary: string; purpose: string }[]).map((p) => [p.openid, p]));
    expect(byOpenid.get(PERSONAS.resident)).toEqual(expect.objectContaining({ name: '张桂英', summary: '居民 · 72 岁 · 长辈版' }));
    expect(byOpenid.get(PERSONAS.inService)).toEqual(expect.objectContaining({ name: '赵海燕', summary: '在职党员 · 双报到 · 市供电公司' }));
    expect(byOpenid.get(PERSONAS.volunteer)).toEqual(expect.objectContaining({ name: '王志强', summary: '党员志愿者 · 幸福里第一网格' }));
    expect(byOpenid.get(PERSONAS.gridLeader)).toEqual(expect.objectContaining({ name: '李建国', summary: '网格长 · 幸福里第一网格' }));
    expect(byOpenid.get(PERSONAS.communityAdmin)!.summary).toBe('社区书记 · 幸福里社区');
    expect(byOpenid.get(PERSONAS.streetAdmin)!.summary).toBe('街道管理员 · 红星街道');
    for (const p of byOpenid.values()) expect([p.name, p.purpose.length > 4]).toEqual([p.name, true]);
  });

  it('follows the data: a persona who turns 长辈版 on is described with it', async () => {
    const on = await gw.call(PERSONAS.residentYoung, 'accounts', 'updateProfile', { largeText: true });
    expect(on.body.ok).toBe(true);
    const res = await gw.call(PERSONAS.residentYoung, 'accounts', 'personas', {});
    const young = res.body.ok && res.body.data.personas.find((p: { openid: string }) => p.openid === PERSONAS.residentYoung);
    expect(young.summary).toBe('居民 · 长辈版');
  });
});
