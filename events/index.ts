import {
  calendarEventCancelled,
  calendarEventCreated,
  calendarEventUpdated,
  registrationCancelled,
  registrationCreated,
} from './calendar';
import type { EventDefinition } from './define-event';
import { deliveryStepDue } from './delivery-steps';
import { missedDayPageDue, missedDayPlanDue } from './missed-day';
import { interactionCompleted, interactionMissed, petAdopted } from './pet-game';
import { orderDeliveryUpdated, orderPlaced, orderReady } from './pizza';
import { questCompleted, questUpdated, rewardCredited, userSignedIn, userSignedUp } from './quests';

export * from './calendar';
export * from './define-event';
export * from './delivery-steps';
export * from './missed-day';
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
  calendarEventCreated,
  calendarEventUpdated,
  calendarEventCancelled,
  registrationCreated,
  registrationCancelled,
  userSignedUp,
  userSignedIn,
  questUpdated,
  questCompleted,
  rewardCredited,
];

/** Messages a service sends to its own queues, never to the bus: contracts like events, kept out of `allEvents`. */
export const queueMessages: readonly EventDefinition[] = [
  deliveryStepDue,
  missedDayPlanDue,
  missedDayPageDue,
];
