import * as z from 'zod';
import { defineEvent } from './define-event';
import { DAY_KEY_PATTERN, INTERACTIONS_SOURCE } from './pet-game';

/**
 * The missed-day run's own queue messages (interactions to interactions, never on the bus, so not in
 * `allEvents`). A run is planned once (the roster cut into pages), then every page is judged on its own, so
 * no invocation walks the whole roster. They travel in the bus's envelope so that the shared consumer reads
 * them like events: contract check, idempotency on the id, correlation id in the logs.
 */
const runId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'expected a run id');
const dayKey = z.string().regex(DAY_KEY_PATTERN, 'expected a UTC day key YYYY-MM-DD');
const rosterKey = z.string().min(1).max(128);

export const missedDayPlanDue = defineEvent({
  source: `${INTERACTIONS_SOURCE}.missed-day`,
  detailType: 'missed-day.plan-due',
  version: 1,
  description:
    "The interactions service's own queue message, not a bus event: cut the roster into pages for a missed-day run and send one page-due per page not yet judged.",
  payload: { runId, dayKey },
  example: {
    eventId: 'missed-day-plan#9b2f0c8e-4d7a-4e51-8a8e-0c5f3a1d2b44',
    correlationId: 'missed-day-run#9b2f0c8e-4d7a-4e51-8a8e-0c5f3a1d2b44',
    runId: '9b2f0c8e-4d7a-4e51-8a8e-0c5f3a1d2b44',
    dayKey: '2026-11-22',
  },
});

export const missedDayPageDue = defineEvent({
  source: `${INTERACTIONS_SOURCE}.missed-day`,
  detailType: 'missed-day.page-due',
  version: 1,
  description:
    "The interactions service's own queue message, not a bus event: judge one page of a missed-day run's roster (the players after `after`, up to and including `last`).",
  payload: {
    runId,
    dayKey,
    page: z.number().int().min(1).max(1_000_000),
    after: rosterKey.optional(),
    last: rosterKey.optional(),
  },
  example: {
    eventId: 'missed-day-page#9b2f0c8e-4d7a-4e51-8a8e-0c5f3a1d2b44#2',
    correlationId: 'missed-day-run#9b2f0c8e-4d7a-4e51-8a8e-0c5f3a1d2b44',
    runId: '9b2f0c8e-4d7a-4e51-8a8e-0c5f3a1d2b44',
    dayKey: '2026-11-22',
    page: 2,
    after: '0f8e2c1a-0000-4000-8000-000000000500',
    last: '1e7d3b2a-0000-4000-8000-000000001000',
  },
});
