import type { Actor } from '../../shared/accounts/accounts.policy';
import type { User } from '../../shared/accounts/accounts.schema';
import { summarizeEntries, type DutyEntry, type ServiceEntry } from '../../shared/service/entry';
import { recordActions } from '../../shared/service/service.policy';
import { toEntryView, type DutyFacts } from '../../shared/service/service.view';
import { loadNodes, type NodeDoc } from '../_core/nodes';
import type { ActionContext } from '../_core/pipeline';
import type { Doc } from '../_core/ports/store';

/** The steps the service actions share: the place an action names, entries and their views, the record. */

export type UserDoc = User & Doc;
export type EntryDoc = ServiceEntry & Doc;
type DispatchProfile = Doc & { version: number; availability: { days: number[]; from: number; to: number }[]; point?: { lat: number; lng: number } | null };

/** The volunteer's dispatch profile (availability, skills), if they have one. */
export const dispatchProfileOf = (ctx: ActionContext, userId: string) => ctx.ports.store.get<DispatchProfile>('volunteers', userId);

/** Hand-entered hours already approved for the volunteer in the month (the cap counts them). */
export async function approvedHours(ctx: ActionContext, volunteerId: string, month: string): Promise<number> {
  const rows = await ctx.ports.store.find<EntryDoc>(
    'service_records',
    { month, volunteerId, source: 'manual', status: 'approved' },
    {
      sort: [
        ['month', 1],
        ['volunteerId', 1],
      ],
      limit: 1000,
    },
  );
  return rows.reduce((n, r) => n + r.hours, 0);
}

/** The entries as views, duty entries with their duties' 自动签退 words and station names (one read of each). */
export async function entryViews(ctx: ActionContext, entries: readonly EntryDoc[]) {
  // Older duty entries may not name their duty: their id does.
  const dutyIdOf = (e: DutyEntry) => e.dutyId ?? e._id.replace(/^duty\./, '');
  const ids = [...new Set(entries.flatMap((e) => (e.source === 'duty' ? [dutyIdOf(e)] : [])))];
  const duties = ids.length ? await ctx.ports.store.find<DutyFacts & Doc & { stationId: string }>('duty', { _id: { $in: ids } }, { limit: ids.length }) : [];
  const stations = await loadNodes(ctx.ports.store, [...new Set(duties.map((d) => d.stationId))]);
  const byId = new Map(duties.map((d) => [d._id, d]));
  return entries.map((e) => {
    if (e.source !== 'duty') return toEntryView(e);
    const facts = byId.get(dutyIdOf(e));
    return toEntryView(e, { facts, stationName: facts ? (stations.get(facts.stationId)?.name ?? '') : '' });
  });
}

async function entriesOf(ctx: ActionContext, volunteerId: string): Promise<EntryDoc[]> {
  const all: EntryDoc[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await ctx.ports.store.find<EntryDoc>(
      'service_records',
      { volunteerId },
      {
        sort: [
          ['volunteerId', 1],
          ['at', -1],
        ],
        skip,
        limit: 1000,
      },
    );
    all.push(...page);
    if (page.length < 1000) return all;
  }
}

/**
 * 我的服务记录: the 双报到 profile, hours by source (never mixed), points and star level, the latest
 * fifty entries. `dispatch` is the dispatch profile when the caller already holds it.
 */
export async function recordOf(ctx: ActionContext, actor: Actor, dispatch?: Pick<DispatchProfile, 'availability' | 'point'> | null) {
  const entries = await entriesOf(ctx, actor.user._id);
  const v = actor.user.volunteer;
  const gridId = actor.user.home?.path.gridId;
  const nodes = gridId ? await loadNodes(ctx.ports.store, [gridId]) : new Map<string, NodeDoc>();
  const profile = dispatch !== undefined ? dispatch : await dispatchProfileOf(ctx, actor.user._id);
  return {
    profile: v
      ? {
          partyMember: v.partyMember,
          inService: v.inService,
          workUnit: v.workUnit ?? null,
          partyBranch: v.partyBranch ?? null,
          skills: v.skills,
          availability: profile?.availability ?? [],
          point: profile?.point ? { lat: profile.point.lat, lng: profile.point.lng } : null,
          homeGrid: gridId ? (nodes.get(gridId)?.name ?? null) : null,
        }
      : null,
    summary: summarizeEntries(entries),
    entries: await entryViews(ctx, entries.slice(0, 50)),
    allowedActions: recordActions(actor),
  };
}
