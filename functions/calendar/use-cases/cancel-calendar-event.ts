import { type Actor, decideCancel } from '../domain/calendar-event';
import type { CalendarStore } from '../ports';

const ATTEMPTS = 5;

/**
 * DELETE /events/{id}: cancels it and names everyone registered in event.cancelled. The write is conditional on
 * the version and the places taken that were read with the registrations, so nobody who registered meanwhile is
 * left out: then it reads again.
 */
export async function cancelCalendarEvent(
  deps: { store: CalendarStore; now: () => Date },
  input: { actor: Actor; id: string; correlationId: string },
) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await deps.store.get(input.id);
    if (!current) return { outcome: 'not-found' as const };
    const registrations = current.status === 'SCHEDULED' ? await deps.store.registrations(input.id) : [];
    const now = deps.now();
    const decision = decideCancel({
      ...input,
      current,
      registeredUserIds: registrations.map((r) => r.userId),
      now,
    });
    if (decision.outcome !== 'cancelled') return decision;
    if (registrations.length !== current.registeredCount) continue;
    const saved = await deps.store.cancel(
      decision.calendarEvent,
      { version: current.version, registeredCount: current.registeredCount },
      decision.events,
      now,
    );
    if (saved === 'cancelled')
      return { outcome: 'cancelled' as const, calendarEvent: decision.calendarEvent };
  }
  return { outcome: 'busy' as const };
}
