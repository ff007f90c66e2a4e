import { fail, ok, type Result } from '../../shared/api/envelope';
import type { ActionContext } from './pipeline';
import { OPENID_INACTIVE } from './ports';

/** Text a person wrote passes the content check (msgSecCheck in production) before anything is stored. Nothing written passes. */
export async function checkText(ctx: ActionContext, text: string | undefined, field: string): Promise<Result<void>> {
  if (!text) return ok(undefined);
  try {
    const verdict = await ctx.ports.contentCheck.checkText(text, ctx.openid);
    return verdict.safe ? ok(undefined) : fail('COMMON.CONTENT_UNSAFE', field);
  } catch (e) {
    // WeChat checks only for someone who opened the mini-program lately (a leader on the PC may not have).
    if (isInactive(e)) return fail('COMMON.OPEN_APP_FIRST', field);
    throw e;
  }
}

/** The check could not run for this person now (ports: OPENID_INACTIVE). */
export const isInactive = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === OPENID_INACTIVE;

/** Several texts, each on its field (a title and a description), checked at once; the first unsafe one answers. */
export async function checkTexts(ctx: ActionContext, texts: readonly [text: string | undefined, field: string][]): Promise<Result<void>> {
  const verdicts = await Promise.all(texts.map(([text, field]) => checkText(ctx, text, field)));
  return verdicts.find((v) => !v.ok) ?? ok(undefined);
}
