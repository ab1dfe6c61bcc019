import type { Logger } from '@aws-lambda-powertools/logger';
import { orderKey, type Pet, type PetEvent, stateAfter } from '../domain/pet';
import type { PetRepository } from '../ports';
import { ensurePet } from './ensure-pet';

const MAX_ATTEMPTS = 8;

export type ApplyOutcome = 'applied' | 'duplicate';

/**
 * Applies one event to its pet exactly once, in the order things happened (ADR 2). Optimistic locking on the
 * pet's version: when another event or a rename wins the race, re-read and recompute, so no update is lost.
 */
export async function applyInteractionEvent(
  deps: { pets: PetRepository; logger: Logger; now: () => Date },
  input: { userId: string; event: PetEvent; correlationId: string },
): Promise<ApplyOutcome> {
  const { userId, event } = input;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // Read the state before the history: a history newer than the state read makes the write a conflict.
    const before = await ensurePet(deps, userId, input.correlationId);
    let history: PetEvent[] = [];
    const needsHistory = before.lastOrderKey !== null && orderKey(event) <= before.lastOrderKey;
    if (needsHistory) history = await deps.pets.events(userId);
    const next = stateAfter({ stats: before, lastOrderKey: before.lastOrderKey }, event, () => history);
    const after: Pet = { ...before, ...next.stats, lastOrderKey: next.lastOrderKey };
    const outcome = await deps.pets.saveApplied(before, after, event, deps.now());
    if (outcome !== 'conflict') {
      deps.logger.info(outcome === 'applied' ? 'event applied to pet' : 'duplicate event ignored', {
        userId,
        replayed: next.replayed,
        attempt,
      });
      return outcome;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
  }
  throw new Error(`Could not apply ${event.eventId} after ${MAX_ATTEMPTS} attempts: too much contention`);
}
