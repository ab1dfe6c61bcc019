import type { Logger } from '@aws-lambda-powertools/logger';
import type { Pet } from './adapters/pet-repository';
import { type AdoptionDeps, ensurePet } from './adoption';
import { orderKey, type PetEvent, stateAfter } from './domain/pet';

const MAX_ATTEMPTS = 8;

export type ApplyOutcome = 'applied' | 'duplicate';

/**
 * Applies one event to its pet exactly once. Optimistic locking on the pet's version: when another event or a
 * rename wins the race, re-read and recompute, so no concurrent update is lost.
 */
export async function applyToPet(
  deps: AdoptionDeps & { logger: Logger; now: () => Date },
  userId: string,
  event: PetEvent,
  correlationId: string,
): Promise<ApplyOutcome> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // Read the state before the history: a history newer than the state read makes the write a conflict.
    const before = await ensurePet(deps, userId, deps.now(), correlationId);
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
