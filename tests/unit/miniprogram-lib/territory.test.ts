import type { TreeNode } from '../../../miniprogram/services/accounts';
import { communitiesOf, indexTree, offeredWithin, openingPath, placeOptions } from '../../../miniprogram/lib/territory';

/** The place picker's tree (街道 › 社区 › 网格 › 微网格 › 楼栋) and a leader's communities. */
const LABELS = { street: '街道', community: '社区', grid: '网格', microGrid: '微网格', building: '楼栋', station: '党群服务站' } as const;
const node = (id: string, kind: keyof typeof LABELS, parentId: string | null): TreeNode => ({ id, kind, kindLabel: LABELS[kind], name: `${id}名`, parentId }) as TreeNode;

const NODES: TreeNode[] = [
  node('s1', 'street', null),
  node('c1', 'community', 's1'),
  node('c2', 'community', 's1'),
  node('st1', 'station', 'c1'),
  node('g1', 'grid', 'c1'),
  node('g2', 'grid', 'c1'),
  node('m1', 'microGrid', 'g1'),
  node('m2', 'microGrid', 'g1'),
  node('m3', 'microGrid', 'g2'),
  node('b1', 'building', 'm1'),
  node('b2', 'building', 'm1'),
  node('b3', 'building', 'm3'),
  node('g3', 'grid', 'c2'),
];
const index = indexTree(NODES);
const ids = (options: { value: string }[]) => options.map((o) => o.value);

describe('placeOptions', () => {
  it('gives the tree without stations; buildings are leaves, other places open (empty ones too)', () => {
    const tree = placeOptions(index);
    expect(ids(tree)).toEqual(['s1']);
    const c1 = tree[0]!.children!.find((o) => o.value === 'c1')!;
    expect(ids(c1.children!)).toEqual(['g1', 'g2']);
    const b1 = c1.children![0]!.children![0]!.children![0]!;
    expect(b1).toEqual({ value: 'b1', text: 'b1名' });
    expect(tree[0]!.children!.find((o) => o.value === 'c2')!.children![0]).toEqual({ value: 'g3', text: 'g3名', children: [] });
  });

  it('offers a leader only the places they lead and the way down to them', () => {
    const tree = placeOptions(index, offeredWithin(index, new Set(['g1'])));
    expect(ids(tree)).toEqual(['s1']);
    expect(ids(tree[0]!.children!)).toEqual(['c1']);
    expect(ids(tree[0]!.children![0]!.children!)).toEqual(['g1']);
    expect(ids(tree[0]!.children![0]!.children![0]!.children!)).toEqual(['m1', 'm2']);
  });
});

describe('openingPath', () => {
  it('passes the levels with one place only, and stops where choosing begins', () => {
    expect(openingPath(index)).toEqual(['s1']);
    expect(openingPath(index, offeredWithin(index, new Set(['g1'])))).toEqual(['s1', 'c1', 'g1']);
  });

  it('opens on a chosen building, or at a station’s grid', () => {
    expect(openingPath(index, undefined, 'b2')).toEqual(['s1', 'c1', 'g1', 'm1', 'b2']);
    expect(openingPath(index, undefined, 'g2')).toEqual(['s1', 'c1', 'g2']);
    expect(openingPath(index, undefined, 'nowhere')).toEqual(['s1']);
  });
});

describe('communitiesOf', () => {
  const place = (nodeId: string, nodeKind: string) => ({ nodeId, nodeKind, nodeName: `${nodeId}名` });

  it('is a community admin’s own community', () => {
    expect(communitiesOf([place('c2', 'community')], null)).toEqual([{ id: 'c2', name: 'c2名' }]);
  });

  it('is every community under a street admin’s street, once the tree is here', () => {
    expect(communitiesOf([place('s1', 'street')], null)).toEqual([]);
    expect(communitiesOf([place('s1', 'street')], NODES)).toEqual([
      { id: 'c1', name: 'c1名' },
      { id: 'c2', name: 'c2名' },
    ]);
  });

  it('lists a community once when two places lead to it, and ignores other kinds of places', () => {
    expect(communitiesOf([place('c1', 'community'), place('s1', 'street'), place('g1', 'grid')], NODES)).toEqual([
      { id: 'c1', name: 'c1名' },
      { id: 'c2', name: 'c2名' },
    ]);
  });

  it('counts a 集中居住区 as a community: its admin’s own, and one of the street’s', () => {
    const withSettlement = [...NODES, { ...node('j1', 'community', 's1'), kind: 'settlement', kindLabel: '集中居住区' } as TreeNode, node('jg', 'grid', 'j1')];
    expect(communitiesOf([place('j1', 'settlement')], null)).toEqual([{ id: 'j1', name: 'j1名' }]);
    expect(communitiesOf([place('s1', 'street')], withSettlement).map((c) => c.id)).toEqual(['c1', 'c2', 'j1']);
    expect(placeOptions(indexTree(withSettlement))[0]!.children!.find((o) => o.value === 'j1')).toEqual({
      value: 'j1',
      text: 'j1名',
      children: [{ value: 'jg', text: 'jg名', children: [] }],
    });
  });
});
