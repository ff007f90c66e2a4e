import { dateText, dateTimeText } from '@shared/kernel/time'

/** `11月22日 15:43` (with the year when it is not this year), Beijing time; '' for none. */
export const when = (iso: string | null | undefined): string => (iso ? dateTimeText(iso, Date.now()) : '')
/** `2026-12-20` → `12月20日 周日`. */
export const day = (date: string): string => dateText(date)
