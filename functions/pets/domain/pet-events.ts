import type { InteractionCompleted, InteractionMissed } from '../../../events/pet-game';
import { endOfDay } from '../../../shared/time';
import type { PetEvent } from './pet';

export function fromCompleted(detail: InteractionCompleted): PetEvent {
  return {
    type: 'interaction.completed',
    eventId: detail.eventId,
    dayKey: detail.dayKey,
    occurredAt: detail.completedAt,
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
