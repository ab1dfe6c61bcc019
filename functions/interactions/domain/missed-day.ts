import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { interactionMissed } from '../../../events/pet-game';

export interface RosterEntry {
  userId: string;
  /** The UTC day the player got their pet: days before it cannot be missed. */
  adoptedDay: string;
}

export function missedEventId(userId: string, dayKey: string): string {
  return `missed#${userId}#${dayKey}`;
}

/**
 * Of one page of the roster, the players who had a pet on `dayKey` and completed nothing that day. The event id
 * is deterministic, so running the job twice for a day penalises each player once.
 */
export function missedDayEvents(input: {
  roster: readonly RosterEntry[];
  activeUserIds: ReadonlySet<string>;
  dayKey: string;
  now: Date;
  correlationId: string;
}): OutgoingEvent[] {
  return input.roster
    .filter((player) => player.adoptedDay <= input.dayKey && !input.activeUserIds.has(player.userId))
    .map((player) =>
      outgoing(interactionMissed, {
        eventId: missedEventId(player.userId, input.dayKey),
        correlationId: input.correlationId,
        userId: player.userId,
        dayKey: input.dayKey,
        detectedAt: input.now.toISOString(),
      }),
    );
}
