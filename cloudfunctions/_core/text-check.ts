import { fail, ok, type Result } from '../../shared/api/envelope';
import type { ActionContext } from './pipeline';

/** Text a person wrote passes the content check (msgSecCheck in production) before anything is stored. Nothing written passes. */
export async function checkText(ctx: ActionContext, text: string | undefined, field: string): Promise<Result<void>> {
  if (!text) return ok(undefined);
  const verdict = await ctx.ports.contentCheck.checkText(text, ctx.openid);
  return verdict.safe ? ok(undefined) : fail('COMMON.CONTENT_UNSAFE', field);
}

/** Several texts, each on its field (a title and a description), checked at once; the first unsafe one answers. */
export async function checkTexts(ctx: ActionContext, texts: readonly [text: string | undefined, field: string][]): Promise<Result<void>> {
  const verdicts = await Promise.all(texts.map(([text, field]) => checkText(ctx, text, field)));
  return verdicts.find((v) => !v.ok) ?? ok(undefined);
}
