import { useState } from 'react'
import type { ClientError } from '../services/call'

/**
 * Server errors under their fields. An envelope error `{ code, message, field }` names the input at
 * fault by its dotted path in the request (`payload.photos.3`); the form shows the message right under
 * that input, and anything it cannot place goes to the form as a whole.
 */

/** How a form reads the server's paths where a path's first part is not the form's own field name. */
export interface FieldRules<F extends string> {
  /** Path prefixes (without `payload.`) and the field they land on; the longest prefix wins (`hours.open` → `open`). */
  paths?: Readonly<Record<string, F>>
  /** Errors that belong to a field whatever path they carry (`ORDER.PHOTO_REQUIRED` → `photos`). */
  codes?: Readonly<Record<string, F>>
  /** Where any other named field goes: a form with one box shows every field error under it. */
  otherwise?: F
}

export type FieldErrors<F extends string> = Partial<Record<F, string>>

/** The field an error belongs under (`payload.photos.3` → `photos`), or null: then it is the form's. */
export function fieldOf<F extends string>(error: Pick<ClientError, 'code' | 'field'>, fields: readonly F[], rules: FieldRules<F> = {}): F | null {
  const byCode = rules.codes?.[error.code]
  if (byCode) return byCode
  if (!error.field) return null
  const parts = error.field.replace(/^payload\./, '').split('.')
  for (let n = parts.length; n > 0 && rules.paths; n--) {
    const hit = rules.paths[parts.slice(0, n).join('.')]
    if (hit) return hit
  }
  return fields.find((f) => f === parts[0]) ?? rules.otherwise ?? null
}

/** The errors without those of `which` (without any when `which` is absent). */
export function withoutFields<F extends string>(errors: FieldErrors<F>, which?: readonly F[]): FieldErrors<F> {
  if (!which) return {}
  if (!which.some((f) => f in errors)) return errors
  const next = { ...errors }
  for (const f of which) delete next[f]
  return next
}

/**
 * A form's field errors: its own checks (`set`) and the server's (`fromServer`), one message per
 * field, each shown by `<FieldError field=… message={errors.field} />` under its input.
 */
export function useFieldErrors<F extends string>(fields: readonly F[], rules: FieldRules<F> = {}) {
  const [errors, setErrors] = useState<FieldErrors<F>>({})
  return {
    errors,
    /** Replaces every field error (the form's own checks before sending). */
    set: setErrors,
    /** Forgets the errors of these fields (of all when none are given): the person changed them. */
    clear: (which?: readonly F[]) => setErrors((e) => withoutFields(e, which)),
    /**
     * Shows a server error under its field, in place of the others. Answers that field, or null when
     * the error is not about one of the form's fields (the page shows it for the whole form).
     */
    fromServer: (error: Pick<ClientError, 'code' | 'field' | 'message'>): F | null => {
      const field = fieldOf(error, fields, rules)
      if (field) setErrors({ [field]: error.message } as FieldErrors<F>)
      return field
    },
  }
}
