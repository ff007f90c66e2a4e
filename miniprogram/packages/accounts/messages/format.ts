/**
 * When a message came, as residents read it, in Beijing time (UTC+8) whatever the device is set to:
 * `今天 10:05`, `昨天 18:20`, `11月20日 09:30`, `2025年11月20日 09:30` (`@shared/kernel/time`).
 */
import { recentTimeText } from '@shared/kernel/time'

export const messageTime = (iso: string, now: number = Date.now()) => recentTimeText(iso, now)
