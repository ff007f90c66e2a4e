import type { Actor } from '../../../shared/accounts/accounts.policy';
import { stationsApi } from '../../../shared/stations/stations.contract';
import type { Result } from '../../../shared/api/envelope';
import type { CodeKind, CodePayload } from '../../../shared/stations/codes';
import { authorizeStations } from '../../../shared/stations/stations.policy';
import type { ScanResult } from '../../../shared/stations/stations.schema';
import { defineAction, type ActionContext } from '../../_core/pipeline';
import { scanMeeting } from '../scan/meeting';
import { scanPerson } from '../scan/person';
import { scanStation } from '../scan/station';
import { readScene } from '../steps';

type Scanner<K extends CodeKind> = (ctx: ActionContext, actor: Actor, payload: Extract<CodePayload, { kind: K }>) => Promise<Result<ScanResult>>;

/** Each kind of code goes to the domain it belongs to. A new kind is a new row (the type asks for it). */
const SCANNERS: { [K in CodeKind]: Scanner<K> } = {
  station: scanStation,
  checkin: scanStation,
  person: scanPerson,
  meeting: scanMeeting,
};

/** 扫一扫: any Honglin code, verified, and what the scanner's roles allow with it. */
export const scan = defineAction(stationsApi.scan, {
  load: async (ctx, input) => readScene(ctx.ports, input.scene, ctx.now),
  authorize: (actor) => authorizeStations(actor, { action: 'scan' }),
  run: (ctx, _input, actor, payload) => (SCANNERS[payload.kind] as Scanner<CodeKind>)(ctx, actor, payload),
});
