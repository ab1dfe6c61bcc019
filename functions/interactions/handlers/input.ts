import * as z from 'zod';
import { isValidDayKey } from '../../../shared/time';

/** POST /interactions/complete. */
export const completeInteractionBody = z.object({ templateId: z.string().min(1).max(64) }).strict();

const DAY_KEY = 'expected a UTC day key YYYY-MM-DD';

/** POST /admin/missed-day-runs: a real UTC day (2026-02-30 is not one). */
export const missedDayRunBody = z
  .object({
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: DAY_KEY, abort: true })
      .refine(isValidDayKey, DAY_KEY)
      // What the refine checks, in the document's words: an RFC 3339 full-date.
      .meta({ format: 'date' }),
  })
  .strict();

/** GET /admin/missed-day-runs/{runId}: a malformed id is 400 INVALID_RUN_ID, not a read. */
export const runIdParameter = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'expected a run id (letters, digits, -)');
export const missedDayRunPath = z.object({ runId: runIdParameter });
