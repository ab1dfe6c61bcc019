import type { QUEST_TRIGGERS, UserSignedIn } from '../../../events/quests';
import type { TriggerFact } from './progress';

export type Trigger = (typeof QUEST_TRIGGERS)[number];

/**
 * Each trigger maps its event to a fact; another trigger (interaction.completed, order.delivered) is one more
 * mapper here, one more value in QUEST_TRIGGERS and one more event in the progress subscription.
 */
export function factFromSignIn(signedIn: UserSignedIn): TriggerFact {
  return {
    userId: signedIn.userId,
    type: signedIn.firstSignIn ? 'signed_up' : 'signed_in',
    at: signedIn.signedInAt,
    dayKey: signedIn.dayKey,
    sourceEventId: signedIn.eventId,
    correlationId: signedIn.correlationId,
  };
}
