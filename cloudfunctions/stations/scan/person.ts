import type { Actor } from '../../../shared/accounts/accounts.policy';
import { maskName } from '../../../shared/accounts/mask';
import { fail, ok, type Result } from '../../../shared/api/envelope';
import type { CodePayload } from '../../../shared/stations/codes';
import { scanOffers } from '../../../shared/stations/stations.policy';
import type { ScanResult } from '../../../shared/stations/stations.schema';
import { breadcrumb } from '../../../shared/territory/territory.domain';
import { loadNodes } from '../../_core/nodes';
import type { ActionContext } from '../../_core/pipeline';
import type { UserDoc } from '../steps';

/** A resident's 个人码: the leader of their place may post on their behalf (代办); anyone else learns nothing. */
export async function scanPerson(ctx: ActionContext, actor: Actor, payload: Extract<CodePayload, { kind: 'person' }>): Promise<Result<ScanResult>> {
  const [person] = await ctx.ports.store.find<UserDoc>('users', { personalToken: payload.token }, { limit: 1 });
  if (!person) return fail('CODE.NOT_FOUND', 'payload.scene');
  const offers = scanOffers(actor, { kind: 'person', ...(person.home ? { personHome: person.home.path } : {}) });
  const nodes =
    offers.length && person.home
      ? await loadNodes(
          ctx.ports.store,
          Object.values(person.home.path).filter((x): x is string => Boolean(x)),
        )
      : new Map();
  return ok({
    kind: 'person',
    offers,
    note: offers.length ? null : '这是居民的个人码，本网格的网格长可以扫码为其代办',
    station: null,
    // Only someone who may act for the person learns who they are.
    person: offers.length
      ? { userId: person._id, name: person.name, placeLabel: person.home ? breadcrumb(person.home.path, nodes).slice(1).join(' › ') : '' }
      : { userId: '', name: maskName(person.name), placeLabel: '' },
  });
}
