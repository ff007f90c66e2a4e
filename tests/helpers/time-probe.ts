/**
 * Reads instants (epoch ms, JSON on argv) through shared/kernel/time in a process of its own, so a
 * test can run it under another host time zone (TZ is read when a process starts; jest's sandboxed
 * process.env does not reach it). Prints the readings as JSON.
 */
import { beijingDate, beijingWeekMinute, dayTimeText, startOfBeijingDay } from '../../shared/kernel/time';

const instants = JSON.parse(process.argv[2] ?? '[]') as number[];
const offset = new Date(Date.UTC(2026, 6, 1)).getTimezoneOffset();
console.log(JSON.stringify({ offset, readings: instants.map((ms) => ({ ...beijingWeekMinute(ms), date: beijingDate(ms), text: dayTimeText(ms), start: startOfBeijingDay(ms) })) }));
