import * as z from 'zod';

/** Shapes several routes answer with; each with an id is one schema of the document's components. */

/** A time as the services write it: `Date.prototype.toISOString()`, UTC, to the millisecond. */
export const isoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  .meta({ id: 'Time', format: 'date-time', description: 'UTC, to the millisecond (toISOString).' });
/** A UTC day. */
export const dayKey = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ id: 'Day', description: 'A UTC day, YYYY-MM-DD.' });
/** A user's id: the token's `sub`. */
export const userId = z
  .string()
  .min(1)
  .meta({ id: 'UserId', description: "A user's id: the token's `sub`." });

export const locationHeader = {
  location: { description: 'Where the new resource is read.', schema: z.string(), required: true },
};
