import { decideRegistration, registrationCancelledEvents } from '../domain/calendar-event';
import type { CalendarStore, IdSource } from '../ports';

/** A signed-in user takes a place: one transaction holds the registration, the counter and the event. */
export async function register(
  deps: { store: CalendarStore; ids: IdSource; now: () => Date },
  input: { calendarEventId: string; userId: string; username: string; correlationId: string },
) {
  const current = await deps.store.get(input.calendarEventId);
  if (!current) return { outcome: 'not-found' as const };
  const now = deps.now();
  const decision = decideRegistration({ ...input, current, registrationId: deps.ids.registrationId(), now });
  if (decision.outcome === 'full') {
    // Full, but the caller may hold one of the places: that is the better answer.
    const existing = await deps.store.registrationOf(input.calendarEventId, input.userId);
    if (existing) return { outcome: 'already-registered' as const, registration: existing };
  }
  if (decision.outcome !== 'register') return decision;
  const saved = await deps.store.register(decision.registration, decision.events, now);
  switch (saved) {
    case 'registered':
      return { outcome: 'registered' as const, registration: decision.registration };
    case 'already-registered':
      return {
        outcome: 'already-registered' as const,
        registration: await deps.store.registrationOf(input.calendarEventId, input.userId),
      };
    case 'full':
      return { outcome: 'full' as const };
    case 'not-open':
      return { outcome: 'cancelled' as const };
  }
}

/** The caller gives their place back. */
export async function unregister(
  deps: { store: CalendarStore; now: () => Date },
  input: { calendarEventId: string; userId: string; correlationId: string },
) {
  const registration = await deps.store.registrationOf(input.calendarEventId, input.userId);
  if (!registration) return { outcome: 'not-registered' as const };
  const now = deps.now();
  const events = registrationCancelledEvents({ registration, now, correlationId: input.correlationId });
  const saved = await deps.store.unregister(registration, events, now);
  return saved === 'unregistered'
    ? { outcome: 'unregistered' as const, registration }
    : { outcome: 'not-registered' as const };
}
