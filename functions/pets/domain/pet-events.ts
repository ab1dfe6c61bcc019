import type { InteractionCompleted, InteractionMissed } from '../../../events/pet-game';
import { endOfDay } from '../../../shared/time';
import type { PetEvent } from './pet';

/**
 * Times are ordered as text, so every one is written the same way (toISOString: milliseconds, Z): the contract
 * accepts '10:00:00Z', which as text would sort after '10:00:00.500Z'.
 */
function canonicalTime(isoDateTime: string): string {
  return new Date(isoDateTime).toISOString();
}

export function fromCompleted(detail: InteractionCompleted): PetEvent {
  return {
    type: 'interaction.completed',
    eventId: detail.eventId,
    dayKey: detail.dayKey,
    occurredAt: canonicalTime(detail.completedAt),
    templateId: detail.templateId,
    hpDelta: detail.hpDelta,
    xpReward: detail.xpReward,
  };
}

/** A missed day happened when the day ended, whenever the job noticed it. */
export function fromMissed(detail: InteractionMissed): PetEvent {
  return {
    type: 'interaction.missed',
    eventId: detail.eventId,
    dayKey: detail.dayKey,
    occurredAt: endOfDay(detail.dayKey),
  };
}
