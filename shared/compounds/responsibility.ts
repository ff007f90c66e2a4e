import { CATEGORIES, CATEGORY_RULES, type Category } from '../orders/categories';
import type { ResponsibilityRule } from './compounds.schema';
import { GOVERNANCE_MODELS, PARTY_LABELS, partyServes, ruleKey, type GovernanceModel, type Party } from './labels';

/**
 * The responsibility list (责任清单): who answers an order first, by category and kind of compound.
 * A community writes its own list; where it says nothing, the street's defaults below speak; an
 * order outside any compound goes where orders went before compounds existed.
 */

/**
 * The street's default list, as a street office would write it before a community adjusts it.
 *
 * - 1+3 (居委会·业委会·物业): the property company is paid to look after the shared parts, so
 *   公共设施 (lifts, lights), 环境卫生 and 安全隐患 in them are its first, on a 24-hour clock, and a
 *   hazard on a 4-hour one. 水电维修 goes to it too: the shared pipes and risers are its own, and most
 *   service contracts cover a household leak or a tripped switch as a paid or free call.
 * - 1+2 (居委会·单位后勤): the supervising unit's logistics department plays the property company's
 *   part, including household water and power, as it did when the housing was allocated; it works
 *   office hours and answers to its unit, so its clocks are longer (48 hours; a hazard 8).
 * - 1+1 (党支部·居民自治): no one there has a contract or a budget. The compound's branch keeps the
 *   shared space (环境卫生, 公共设施, 48 hours, at the residents' own pace), and household repairs are
 *   personal help, for the volunteers (party-member electricians and plumbers). A 安全隐患 goes to the
 *   grid leader on 4 hours: finding and reporting hazards is the grid's standing duty, and a falling
 *   façade or a blocked fire lane needs powers a residents' branch does not have.
 * - Everywhere: 家居小修 and the personal help (养老助残, 代买代办, 政策咨询) are the volunteers', on the
 *   grid's 24-hour clock; 邻里纠纷 is mediated by the grid leader (48 hours: mediation takes a visit to
 *   both sides), and 其他, which no one owns, is the grid leader's to sort (24 hours).
 *
 * The owners' committee (业委会) appears nowhere: it supervises the property company and rates its
 * work, it does not answer orders.
 */
const DEFAULT_TABLE: Record<Category, Record<GovernanceModel, readonly [Party, number]>> = {
  水电维修: { '1+3': ['property', 24], '1+2': ['unit', 48], '1+1': ['volunteers', 24] },
  家居小修: { '1+3': ['volunteers', 24], '1+2': ['volunteers', 24], '1+1': ['volunteers', 24] },
  环境卫生: { '1+3': ['property', 24], '1+2': ['unit', 48], '1+1': ['branch', 48] },
  公共设施: { '1+3': ['property', 24], '1+2': ['unit', 48], '1+1': ['branch', 48] },
  邻里纠纷: { '1+3': ['gridLeader', 48], '1+2': ['gridLeader', 48], '1+1': ['gridLeader', 48] },
  养老助残: { '1+3': ['volunteers', 24], '1+2': ['volunteers', 24], '1+1': ['volunteers', 24] },
  代买代办: { '1+3': ['volunteers', 24], '1+2': ['volunteers', 24], '1+1': ['volunteers', 24] },
  政策咨询: { '1+3': ['volunteers', 24], '1+2': ['volunteers', 24], '1+1': ['volunteers', 24] },
  安全隐患: { '1+3': ['property', 4], '1+2': ['unit', 8], '1+1': ['gridLeader', 4] },
  其他: { '1+3': ['gridLeader', 24], '1+2': ['gridLeader', 24], '1+1': ['gridLeader', 24] },
};

/** Every category × model, once: the list a community starts from. */
export const DEFAULT_RESPONSIBILITIES: readonly ResponsibilityRule[] = Object.freeze(
  CATEGORIES.flatMap((category) =>
    GOVERNANCE_MODELS.map((model) => {
      const [owner, hours] = DEFAULT_TABLE[category][model];
      return Object.freeze({ category, model, owner, hours });
    }),
  ),
);

// ---- routing ------------------------------------------------------------------------------------

/**
 * Where a route came from: the compound's own line, the community's line for the model, the
 * street's default, or none (no compound: volunteers or the grid leader, on the level clock as before).
 */
export const ROUTE_SOURCES = ['compound', 'community', 'default', 'none'] as const;
export type RouteSource = (typeof ROUTE_SOURCES)[number];

export interface Route {
  owner: Party;
  /** The first owner's clock in hours; null when the level clock alone applies. */
  hours: number | null;
  source: RouteSource;
  /** Why, in a sentence the leader and the resident can read. */
  why: string;
}

const LIST_NAMES: Record<Exclude<RouteSource, 'none'>, string> = { compound: '本小区责任清单', community: '社区责任清单', default: '默认责任清单' };

/** Who answers first when there is no list to ask: the grid leader mediates disputes, volunteers take the rest. */
const outsideOwner = (category: Category): Party => (CATEGORY_RULES[category].leaderFirst ? 'gridLeader' : 'volunteers');

function whyOf(source: Exclude<RouteSource, 'none'>, model: GovernanceModel, category: Category, r: ResponsibilityRule): string {
  const duty = `${PARTY_LABELS[r.owner]}先处理（${r.hours} 小时）`;
  if (source === 'compound') return `按本小区责任清单：${category}由${duty}`;
  return `按${source === 'community' ? '' : '默认'}责任清单：${model} 小区的${category}由${duty}`;
}

/**
 * The route in a compound of `model` (the compound's own lines first when `compoundId` is given).
 * Precedence: the compound's line > the community's line for the model > the default > the outside
 * route. A line naming an owner the model does not have (a compound that changed model since) is
 * passed over, and `why` says so.
 */
function routeIn(rules: readonly ResponsibilityRule[], category: Category, model: GovernanceModel, compoundId: string | null): Route {
  const mine = compoundId === null ? [] : rules.filter((r) => r.category === category && r.compoundId === compoundId);
  const levels: readonly (readonly [Exclude<RouteSource, 'none'>, readonly ResponsibilityRule[]])[] = [
    // A line written under the compound's current model before one left from an earlier model.
    ['compound', [...mine.filter((r) => r.model === model), ...mine.filter((r) => r.model !== model)]],
    ['community', rules.filter((r) => r.category === category && r.model === model && !r.compoundId)],
    ['default', DEFAULT_RESPONSIBILITIES.filter((r) => r.category === category && r.model === model)],
  ];
  const passedOver: string[] = [];
  for (const [source, candidates] of levels) {
    for (const r of candidates) {
      if (partyServes(r.owner, model)) {
        const note = passedOver.length ? `；${passedOver.join('，')}，已按下一级处理` : '';
        return { owner: r.owner, hours: r.hours, source, why: whyOf(source, model, category, r) + note };
      }
      passedOver.push(`${LIST_NAMES[source]}指定的${PARTY_LABELS[r.owner]}不在 ${model} 小区的共治架构内`);
    }
  }
  const owner = outsideOwner(category);
  return { owner, hours: null, source: 'none', why: `责任清单没有 ${model} 小区${category}的规则：由${PARTY_LABELS[owner]}先处理，按现有时限办理` };
}

/**
 * Who answers an order first (先处理): the compound's line for the category, else the community's
 * line for the compound's model, else the street's default; with no compound, the grid leader for a
 * dispute and the volunteers for anything else, on the level clock as before (`hours` null).
 */
export function routeOrder(rules: readonly ResponsibilityRule[], order: { category: Category }, compound: { id: string; model: GovernanceModel } | null): Route {
  if (compound) return routeIn(rules, order.category, compound.model, compound.id);
  const owner = outsideOwner(order.category);
  const why = owner === 'gridLeader' ? `不在小区内：${order.category}由网格长先调解，按现有时限办理` : `不在小区内：${order.category}由党员志愿者接单，按现有时限办理`;
  return { owner, hours: null, source: 'none', why };
}

// ---- the change log -----------------------------------------------------------------------------

/** Lines in the order of the printed list: category, then model, the model's line before its compounds'. */
function compareRules(a: ResponsibilityRule, b: ResponsibilityRule): number {
  return (
    CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) ||
    GOVERNANCE_MODELS.indexOf(a.model) - GOVERNANCE_MODELS.indexOf(b.model) ||
    (a.compoundId ?? '').localeCompare(b.compoundId ?? '')
  );
}

/** One line per key; the first wins, as it does in routing. */
function byKey(rules: readonly ResponsibilityRule[]): Map<string, ResponsibilityRule> {
  const map = new Map<string, ResponsibilityRule>();
  for (const r of rules) if (!map.has(ruleKey(r))) map.set(ruleKey(r), r);
  return map;
}

/**
 * What changed between two versions of a list, one Chinese line per line of the list changed,
 * added or removed (`1+3 小区·公共设施：网格长 → 物业服务中心（24 小时）`), for the list's change log.
 * `compoundNames` names the compounds of compound lines (their ids otherwise). Empty when nothing changed.
 */
export function diffRules(before: readonly ResponsibilityRule[], after: readonly ResponsibilityRule[], compoundNames: Readonly<Record<string, string>> = {}): string[] {
  const was = byKey(before);
  const now = byKey(after);
  const scope = (r: ResponsibilityRule) =>
    !r.compoundId ? `${r.model} 小区·${r.category}` : `${compoundNames[r.compoundId] ?? `小区 ${r.compoundId}`}（${r.model}）·${r.category}`;
  const duty = (r: ResponsibilityRule) => `${PARTY_LABELS[r.owner]}（${r.hours} 小时）`;
  const all = [...was.values(), ...[...now.values()].filter((r) => !was.has(ruleKey(r)))].sort(compareRules);
  const lines: string[] = [];
  for (const r of all) {
    const b = was.get(ruleKey(r));
    const a = now.get(ruleKey(r));
    if (!b && a) lines.push(`新增 ${scope(a)}：${duty(a)}`);
    else if (b && !a) lines.push(`删除 ${scope(b)}：${duty(b)}`);
    else if (b && a && b.owner !== a.owner) lines.push(`${scope(a)}：${b.hours === a.hours ? PARTY_LABELS[b.owner] : duty(b)} → ${duty(a)}`);
    else if (b && a && b.hours !== a.hours) lines.push(`${scope(a)}：${PARTY_LABELS[a.owner]}时限 ${b.hours} 小时 → ${a.hours} 小时`);
  }
  return lines;
}

// ---- the 公示 table -----------------------------------------------------------------------------

export interface ResponsibilityCell {
  model: GovernanceModel;
  owner: Party;
  ownerLabel: string;
  hours: number | null;
  source: RouteSource;
}
export interface ResponsibilityRow {
  category: Category;
  /** One cell per model asked for, in that order. */
  cells: ResponsibilityCell[];
}

/**
 * The community's list as the 公示 page prints it: a row per category, a column per model. Each cell
 * is the route an order of that category takes in a compound of that model with no lines of its own,
 * so what is printed is what is routed.
 */
export function responsibilityTable(rules: readonly ResponsibilityRule[], models: readonly GovernanceModel[] = GOVERNANCE_MODELS): ResponsibilityRow[] {
  return CATEGORIES.map((category) => ({
    category,
    cells: models.map((model) => {
      const { owner, hours, source } = routeIn(rules, category, model, null);
      return { model, owner, ownerLabel: PARTY_LABELS[owner], hours, source };
    }),
  }));
}
