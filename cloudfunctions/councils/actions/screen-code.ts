import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { minuteOf, nextRotation } from '../../../shared/stations/codes';
import { codeImage } from '../../stations/steps';
import { meetingAction } from '../meeting-steps';
import { quorumNow } from '../meeting-view';

/**
 * The meeting's sign-in code for the station screen: `m:<meetingId>:<minute>`, signed, renewed every
 * minute and good for the same couple of minutes as a check-in code, so a photo of it signs no one
 * in later. Shown from publication (the screen is set up before) until the meeting closes, with
 * the quorum as it stands.
 */
export const screenCode = meetingAction(
  councilsApi.screenCode,
  'screenCode',
  async (ctx, _input, _caller, ref) => {
    const m = ref.meeting;
    if (m.state !== 'published' && m.state !== 'inSession') return fail('MEETING.NOT_ALLOWED_NOW');
    const code = await codeImage(ctx, { kind: 'meeting', meetingId: m._id, minute: minuteOf(ctx.now) }, nextRotation(ctx.now));
    return ok({ scene: code.scene, image: code.imageDataUrl, refreshAt: nextRotation(ctx.now), title: m.title, quorum: quorumNow(m, ref.attendance ?? []) });
  },
  { attendance: true, timeline: false },
);
