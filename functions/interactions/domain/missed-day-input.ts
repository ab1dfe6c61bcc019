import * as z from 'zod';
import { dayKeyOf, endOfDay, isValidDayKey, previousDayKey } from '../../../shared/time';

/** Invoked by the daily schedule (an EventBridge scheduled event) or by hand with `{ "day": "YYYY-MM-DD" }`. */
export const missedDayJobInput = z.union([
  z.object({ day: z.string().refine(isValidDayKey, 'expected a UTC day key YYYY-MM-DD') }),
  z.object({ 'detail-type': z.literal('Scheduled Event'), time: z.iso.datetime() }),
]);

/** The day to judge: the one given, or the day before the schedule fired (00:05 UTC judges yesterday). */
export function dayToJudge(input: z.infer<typeof missedDayJobInput>): string {
  return 'day' in input ? input.day : previousDayKey(dayKeyOf(new Date(input.time)));
}

/**
 * A day can be judged only once it is over: judged at 09:00, a player who plays at 10:00 would be penalised for
 * a day they played, for good.
 */
export function judgeable(dayKey: string, now: Date): { ok: true } | { ok: false; endsAt: string } {
  const endsAt = endOfDay(dayKey);
  return now.getTime() > Date.parse(endsAt) ? { ok: true } : { ok: false, endsAt };
}
