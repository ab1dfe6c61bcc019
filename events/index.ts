import type { EventDefinition } from './define-event';
import { interactionCompleted, interactionMissed, petAdopted } from './pet-game';
import { orderDeliveryUpdated, orderPlaced, orderReady } from './pizza';
import { questCompleted, questUpdated, rewardCredited, userSignedIn, userSignedUp } from './quests';

export * from './define-event';
export * from './pet-game';
export * from './pizza';
export * from './quests';

/** Every event of the platform: publishers, rules, consumers, tests and docs all read from here. */
export const allEvents: readonly EventDefinition[] = [
  interactionCompleted,
  interactionMissed,
  petAdopted,
  orderPlaced,
  orderReady,
  orderDeliveryUpdated,
  userSignedUp,
  userSignedIn,
  questUpdated,
  questCompleted,
  rewardCredited,
];
