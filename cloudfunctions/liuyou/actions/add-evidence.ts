import { fail, ok, type Result } from '../../../shared/api/envelope';
import { runLifecycle } from '../../../shared/kernel/lifecycle';
import { checkLifecycle, type Evidence } from '../../../shared/liuyou/check.lifecycle';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { isImageOf } from '../../../shared/orders/photos';
import { checkTexts } from '../../_core/text-check';
import { checkAction, contextOf, moveCheck, planOf, refusalOf } from '../check-steps';

type Input = { kind: 'photo' | 'file' | 'note'; text: string; file?: { contentType: string; name: string; dataBase64: string } | undefined };

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** Documents are what they say: a PDF starts `%PDF`, a docx or xlsx is a zip (`PK\x03\x04`). */
const isDocumentOf = (contentType: string, b: Uint8Array): boolean =>
  contentType === 'application/pdf' ? b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 : b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The evidence's shape for its kind: a photo or document brings its file (of its type), a note its text and no file. */
function evidenceProblem(input: Input): Result<Uint8Array | null> {
  if (input.kind === 'note') {
    if (input.file) return fail('LIUYOU.EVIDENCE_INVALID', 'payload.file');
    return input.text === '' ? fail('LIUYOU.EVIDENCE_INVALID', 'payload.text') : ok(null);
  }
  if (!input.file) return fail('LIUYOU.EVIDENCE_INVALID', 'payload.file');
  const image = input.file.contentType.startsWith('image/');
  if (image !== (input.kind === 'photo')) return fail('LIUYOU.EVIDENCE_INVALID', 'payload.file.contentType');
  const bytes = new Uint8Array(Buffer.from(input.file.dataBase64, 'base64'));
  const real = image ? isImageOf(input.file.contentType, bytes) : isDocumentOf(input.file.contentType, bytes);
  return real ? ok(bytes) : fail('LIUYOU.EVIDENCE_INVALID', 'payload.file.dataBase64');
}

/**
 * Evidence for one item: a photo (camera or album), a document, or a note. Checked before anything
 * is stored: its shape, its words (the content check), and that the check takes it now (the same
 * lifecycle run the move makes), so a refused call leaves no file behind.
 */
export const addEvidence = checkAction(liuyouApi.addEvidence, 'addEvidence', async (ctx, input, caller, ref) => {
  const shape = evidenceProblem(input);
  if (!shape.ok) return shape;
  const checked = await checkTexts(ctx, [
    [input.text, 'payload.text'],
    [input.kind === 'file' ? input.file?.name : undefined, 'payload.file.name'],
  ]);
  if (!checked.ok) return checked;
  const id = ctx.ports.ids.id('lyv');
  const draft: Evidence = { id, kind: input.kind, fileId: null, name: '', text: input.text, by: caller.user._id, byName: caller.user.name, at: ctx.now };
  const dry = runLifecycle(checkLifecycle, ref.check, [{ type: 'addEvidence', itemId: input.itemId, evidence: draft }], contextOf(ctx, caller));
  if (!dry.ok) return refusalOf(dry.refusal);

  let evidence = draft;
  if (shape.data && input.file) {
    const ext = EXTENSIONS[input.file.contentType] ?? 'bin';
    const stored = await ctx.ports.files.put(`liuyou/${ref.check._id}/${input.itemId}/${id}.${ext}`, shape.data, input.file.contentType);
    evidence = { ...draft, fileId: stored.fileId, name: input.kind === 'file' ? input.file.name || `佐证材料.${ext}` : '' };
  }
  return moveCheck(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'addEvidence', itemId: input.itemId, evidence }]));
});
