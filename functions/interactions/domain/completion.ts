import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { interactionCompleted } from '../../../events/pet-game';
import { dayKeyOf } from '../../../shared/time';
import { findTemplate } from './templates';

export interface Completion {
  userId: string;
  templateId: string;
  dayKey: string;
  completedAt: string;
  hpDelta: number;
  xpReward: number;
  eventId: string;
}

export type CompletionDecision =
  /** The new state (the completion) and the event it causes, saved together through the outbox. */
  | { outcome: 'completed'; completion: Completion; events: OutgoingEvent[] }
  | { outcome: 'unknown-template'; templateId: string };

/** The one completion a player may record for a template on a UTC day; its id is therefore deterministic. */
export function completionEventId(userId: string, dayKey: string, templateId: string): string {
  return `completed#${userId}#${dayKey}#${templateId}`;
}

export function decideCompletion(input: {
  userId: string;
  templateId: string;
  now: Date;
  correlationId: string;
}): CompletionDecision {
  const template = findTemplate(input.templateId);
  if (!template) return { outcome: 'unknown-template', templateId: input.templateId };
  const dayKey = dayKeyOf(input.now);
  const completion: Completion = {
    userId: input.userId,
    templateId: template.id,
    dayKey,
    completedAt: input.now.toISOString(),
    hpDelta: template.hpReward,
    xpReward: template.xpReward,
    eventId: completionEventId(input.userId, dayKey, template.id),
  };
  return {
    outcome: 'completed',
    completion,
    events: [
      outgoing(interactionCompleted, {
        eventId: completion.eventId,
        correlationId: input.correlationId,
        userId: completion.userId,
        templateId: completion.templateId,
        completedAt: completion.completedAt,
        dayKey: completion.dayKey,
        hpDelta: completion.hpDelta,
        xpReward: completion.xpReward,
      }),
    ],
  };
}
