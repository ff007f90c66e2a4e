import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { allowedOrderActions, mayDo, type Relation } from '../../shared/orders/orders.policy';

/**
 * No dead ends: nothing in the app leads to a page that only says "建设中". What does not exist yet
 * has no tab, no route, no entry and no button until it does.
 */
const APP = join(__dirname, '..', '..', 'miniprogram');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(tsx?|scss)$/.test(name) ? [p] : [];
  });
}

describe('no dead ends', () => {
  const config = readFileSync(join(APP, 'app.config.ts'), 'utf8');
  const pages = [...[...config.matchAll(/pages: \[([^\]]*)\]/g)].flatMap((m) => [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!))];

  it('has no placeholder page and no text that says a feature is being built', () => {
    const hits = sources(APP).filter((f) => /建设中|正在建设|敬请期待/.test(readFileSync(f, 'utf8')));
    expect(hits.map((f) => relative(APP, f))).toEqual([]);
  });

  it('declares the 议事 subpackage with every page its routes lead to, and no 议事 tab', () => {
    expect(config).not.toMatch(/tabbar\/council/);
    const nav = readFileSync(join(APP, 'lib', 'nav.ts'), 'utf8');
    const councilRoutes = [...nav.matchAll(/: '\/(packages\/councils\/[a-z-]+\/index)'/g)].map((m) => m[1]!);
    expect(councilRoutes.length).toBeGreaterThanOrEqual(8);
    for (const r of councilRoutes) expect([r, pages.includes(r.replace('packages/councils/', ''))]).toEqual([r, true]);
  });

  it('routes only to pages the app has, each with its source file', () => {
    const nav = readFileSync(join(APP, 'lib', 'nav.ts'), 'utf8');
    const routes = [...nav.matchAll(/: '\/([a-z/-]+\/index)'/g)].map((m) => m[1]!);
    expect(routes.length).toBeGreaterThan(10);
    const subRoots = [...config.matchAll(/root: '([^']+)'/g)].map((m) => m[1]!);
    const declared = new Set([
      ...pages.filter((p) => p.startsWith('pages/')),
      ...subRoots.flatMap((root) => {
        const block = config.slice(config.indexOf(`root: '${root}'`));
        const list = /pages: \[([^\]]*)\]/.exec(block)![1]!;
        return [...list.matchAll(/'([^']+)'/g)].map((x) => `${root}/${x[1]}`);
      }),
    ]);
    for (const r of routes) {
      expect([r, declared.has(r)]).toEqual([r, true]);
      expect([r, statSync(join(APP, `${r}.tsx`)).isFile()]).toEqual([r, true]);
    }
  });

  it('offers the 转议题 button now that the councils show the topic it makes: to a leader of the place, once per dispute', () => {
    const leader: Relation = {
      poster: false,
      assignee: false,
      offeree: false,
      volunteerOfPlace: false,
      handlingLeader: true,
      leaderOfPlace: true,
      affected: false,
      neighbourRated: false,
      neighbour: false,
      deskStaff: false,
    };
    const dispute = { state: 'waiting' as const, level: 'grid' as const, private: true, category: '邻里纠纷' as const, topicId: null };
    expect(mayDo('toCouncil', leader, dispute)).toBe(true);
    expect(allowedOrderActions(leader, dispute)).toContain('toCouncil');
    expect(allowedOrderActions(leader, { ...dispute, topicId: 'top_1' })).not.toContain('toCouncil');
    expect(allowedOrderActions({ ...leader, handlingLeader: false, leaderOfPlace: false, poster: true }, dispute)).not.toContain('toCouncil');
  });
});
