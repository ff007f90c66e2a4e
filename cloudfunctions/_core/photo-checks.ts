import { fail, ok, type Result } from '../../shared/api/envelope';
import type { ErrorCode } from '../../shared/errors';
import { firstForeignPhoto, PHOTO_HIDDEN_LINE } from '../../shared/orders/photos';
import type { ActionContext } from './pipeline';
import { PLATFORM_ACTOR, timelineDocs } from './mover';
import { systemWriter } from './outbox';
import { isInactive } from './text-check';
import type { MediaVerdict, Ports } from './ports';
import type { Doc, TxOp } from './ports/store';

/**
 * Residents' photos, wherever they are attached (an order and its resolution, a council topic):
 * only from the caller's own folder, every one through the image check, and a photo the check
 * finds risky hidden from its subject for everyone. One table says where each kind of subject keeps
 * its photos and its timeline; the rest is the same code for all of them.
 */

/** Where each photo check waits for its verdict: WeChat's trace id → the photo and its subject. */
export const MEDIA_CHECKS = 'media_checks';

/** What a photo can be attached to: its collection, where its photos are, and its timeline. */
const SUBJECTS = {
  orders: {
    photosOf: (d: Doc) => [...((d.photos as string[]) ?? []), ...(((d.resolution as { photos?: string[] } | null)?.photos as string[]) ?? [])],
    timeline: { collection: 'order_events', key: 'orderId', prefix: 'oev' },
  },
  topics: {
    photosOf: (d: Doc) => (d.photos as string[]) ?? [],
    timeline: { collection: 'topic_events', key: 'topicId', prefix: 'tev' },
  },
} as const;

export type PhotoSubject = { collection: keyof typeof SUBJECTS; id: string };

export interface MediaCheckDoc extends Doc {
  traceId: string;
  fileId: string;
  collection: PhotoSubject['collection'];
  subjectId: string;
  status: 'pending' | MediaVerdict['suggest'];
  label: string | null;
  at: string;
  decidedAt: string | null;
  version: number;
}

/**
 * A person attaches only photos from their own folder (`photos/<their user id>/…`): a file id from
 * anyone else's folder, or one that is not a photo at all, is refused with its index
 * (`payload.photos.2`) before anything is read or written.
 */
export function ownPhotos(fileIds: readonly string[], userId: string, code: ErrorCode, field = 'payload.photos'): Result<void> {
  const i = firstForeignPhoto(fileIds, userId);
  return i < 0 ? ok(undefined) : fail(code, `${field}.${i}`);
}

/** Risky verdicts the check gave at once (locally), to apply once the subject holds the photos. */
export type ImmediateVerdicts = readonly (MediaVerdict & { traceId: string })[];

/**
 * Starts the content check of each photo a subject is about to carry, before it is written: an
 * error from the check (WeChat busy) answers the call, so a photo is never shown unchecked. A file
 * id storage cannot hand a URL for (no such file) is refused with `code` before any check starts.
 * The checks are recorded under their trace ids (`media_checks`, one write for all of them) for the
 * verdicts to find their subject; a check whose subject write then does not happen (a race) finds
 * no photo to hide: nothing changes.
 */
export async function startPhotoChecks(
  ctx: ActionContext,
  subject: PhotoSubject,
  fileIds: readonly string[],
  code: ErrorCode,
  field = 'payload.photos',
): Promise<Result<ImmediateVerdicts>> {
  const unique = [...new Set(fileIds)];
  if (unique.length === 0) return ok([]);
  const urls = await Promise.all(unique.map((fileId) => ctx.ports.files.url(fileId).catch(() => null)));
  const missing = urls.indexOf(null);
  if (missing >= 0) return fail(code, `${field}.${fileIds.indexOf(unique[missing]!)}`);
  // All photos at once: up to nine URLs and checks in parallel, then their records in one write.
  let started: Awaited<ReturnType<Ports['contentCheck']['checkImage']>>[];
  try {
    started = await Promise.all(unique.map((fileId, i) => ctx.ports.contentCheck.checkImage({ fileId, url: urls[i]! }, ctx.openid)));
  } catch (e) {
    // WeChat checks only for someone who opened the mini-program lately (a leader on the PC may not have).
    if (isInactive(e)) return fail('COMMON.OPEN_APP_FIRST', field);
    throw e;
  }
  // A verdict given at once that leaves the photo shown is recorded as decided; a risky one is
  // recorded pending and goes through the hide path once the subject is written (settlePhotoChecks).
  const records: TxOp[] = started.map((check, i) => {
    const shown = check.verdict && check.verdict.suggest !== 'risky' ? check.verdict : null;
    const doc: MediaCheckDoc = {
      _id: ctx.ports.ids.id('mck'),
      traceId: check.traceId,
      fileId: unique[i]!,
      collection: subject.collection,
      subjectId: subject.id,
      status: shown ? shown.suggest : 'pending',
      label: shown?.label ?? null,
      at: ctx.now,
      decidedAt: shown ? ctx.now : null,
      version: 1,
    };
    return { op: 'insert', collection: MEDIA_CHECKS, doc };
  });
  const written = await ctx.ports.store.transact(records);
  if (!written.ok) return fail('COMMON.CONFLICT');
  return ok(started.flatMap((c) => (c.verdict?.suggest === 'risky' ? [{ ...c.verdict, traceId: c.traceId }] : [])));
}

/** After the subject is written: the verdicts given at once go through the same path as the event's. True when one hid a photo. */
export async function settlePhotoChecks(ctx: ActionContext, verdicts: ImmediateVerdicts): Promise<boolean> {
  let hidden = false;
  for (const v of verdicts) {
    const outcome = await applyMediaVerdict(ctx.ports, v, ctx.now);
    if (outcome.outcome === 'risky' && outcome.hidden) hidden = true;
  }
  return hidden;
}

export type VerdictOutcome = { outcome: 'unknown' } | { outcome: 'repeat' } | { outcome: 'pass' | 'review' } | { outcome: 'risky'; hidden: boolean };

/** Tries again from a fresh read when someone else changed the subject or the check at the same moment. */
const ATTEMPTS = 5;

/**
 * Applies one verdict (from the `wxa_media_check` event in production, from the local check at
 * once): `risky` hides the photo from its subject — the subject keeps it in `hiddenPhotos`, so no
 * view, list or export shows it or hands out a URL for it again — with a timeline line and an audit
 * entry, in one transaction with the check's own record. A verdict for a check already decided
 * (the event delivered twice) changes nothing; an unknown trace id neither.
 */
export async function applyMediaVerdict(ports: Ports, verdict: MediaVerdict & { traceId: string }, at: string): Promise<VerdictOutcome> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const check = (await ports.store.find<MediaCheckDoc>(MEDIA_CHECKS, { traceId: verdict.traceId }, { sort: [['traceId', 1]], limit: 1 }))[0];
    if (!check) return { outcome: 'unknown' };
    if (check.status !== 'pending') return { outcome: 'repeat' };
    const decided: TxOp = {
      op: 'update',
      collection: MEDIA_CHECKS,
      id: check._id,
      version: check.version,
      patch: { $set: { status: verdict.suggest, label: verdict.label ?? null, decidedAt: at } },
    };
    // A photo left as it was is only the check's own record; hiding one is the subject's change, audited.
    if (verdict.suggest !== 'risky') {
      if ((await ports.store.transact([decided])).ok) return { outcome: verdict.suggest };
      continue;
    }
    const kind = SUBJECTS[check.collection];
    const subject = await ports.store.get<Doc & { version: number; hiddenPhotos?: string[] }>(check.collection, check.subjectId);
    if (!subject || !kind.photosOf(subject).includes(check.fileId) || subject.hiddenPhotos?.includes(check.fileId)) {
      if ((await ports.store.transact([decided])).ok) return { outcome: 'risky', hidden: false };
      continue;
    }
    const writer = systemWriter(ports, at, { function: 'mediacheck', action: 'verdict' });
    const line = timelineDocs(writer, { key: kind.timeline.key, id: subject._id }, at, PLATFORM_ACTOR, [{ kind: 'photoHidden', text: PHOTO_HIDDEN_LINE }], kind.timeline.prefix);
    const done = await writer.transact(
      [
        decided,
        {
          op: 'update',
          collection: check.collection,
          id: subject._id,
          version: subject.version,
          patch: { $set: { hiddenPhotos: [...(subject.hiddenPhotos ?? []), check.fileId] } },
          was: subject,
        },
        ...line.map((doc) => ({ op: 'insert' as const, collection: kind.timeline.collection, doc })),
      ],
      { subjectId: subject._id, detail: { event: `mediaCheck>${verdict.suggest}`, ...(verdict.label ? { label: verdict.label } : {}) } },
    );
    if (done.ok) return { outcome: 'risky', hidden: true };
  }
  throw new Error('media check verdict: the subject kept changing');
}
