import type { EventDefinition } from './define-event';
import { interactionCompleted, interactionMissed, petAdopted } from './pet-game';

export * from './define-event';
export * from './pet-game';

/** Every event of the platform: publishers, rules, consumers, tests and docs all read from here. */
export const allEvents: readonly EventDefinition[] = [interactionCompleted, interactionMissed, petAdopted];
