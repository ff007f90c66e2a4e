import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { allowedOrderActions, mayDo, type Relation } from '../../shared/orders/orders.policy';

/**
 * No dead ends: nothing in the app leads to a page that only says "建设中". What does not exist yet
 * (the micro-councils, 议事) has no tab, no route, no entry and no button until it does.
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

  it('has no 议事 tab, page or route until the councils exist', () => {
    expect(config).not.toMatch(/pages\/council|packages\/council|tabbar\/council/);
    expect(readFileSync(join(APP, 'lib', 'nav.ts'), 'utf8')).not.toMatch(/council/i);
    const linking = sources(APP).filter((f) => /ROUTES\.council|\/council\//.test(readFileSync(f, 'utf8')));
    expect(linking.map((f) => relative(APP, f))).toEqual([]);
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

  it('offers no 转议题 button: the server leaves toCouncil out of allowedActions while the councils are not built', () => {
    const leader: Relation = { poster: false, assignee: false, offeree: false, volunteerOfPlace: false, handlingLeader: true, leaderOfPlace: true };
    const dispute = { state: 'waiting' as const, level: 'grid' as const, private: true, category: '邻里纠纷' as const, topicId: null };
    expect(mayDo('toCouncil', leader, dispute)).toBe(true);
    expect(allowedOrderActions(leader, dispute)).not.toContain('toCouncil');
  });
});
