import * as z from 'zod';
import {
  calendarEventCancelled,
  calendarEventCreated,
  calendarEventUpdated,
  registrationCancelled,
  registrationCreated,
} from '../../../events/calendar';
import type { EventDefinition } from '../../../events/define-event';
import { orderDeliveryUpdated, orderPlaced, orderReady } from '../../../events/pizza';

/**
 * What a WebSocket client may listen to: `events` (every public change of the calendar) and `order:<orderId>`
 * (one pizza order's status, for its owner only).
 */
export const EVENTS_TOPIC = 'events';
const ORDER_TOPIC = /^order:([A-Za-z0-9_-]{1,64})$/;

export type Topic = { kind: 'events'; name: string } | { kind: 'order'; name: string; orderId: string };

export function parseTopic(name: string): Topic | undefined {
  if (name === EVENTS_TOPIC) return { kind: 'events', name };
  const order = ORDER_TOPIC.exec(name);
  return order ? { kind: 'order', name, orderId: order[1]! } : undefined;
}

export const orderTopic = (orderId: string) => `order:${orderId}`;

/** A client's message: `{"action":"subscribe","topic":"events"}`, `unsubscribe` likewise. */
export const clientMessage = z
  .object({ action: z.enum(['subscribe', 'unsubscribe']), topic: z.string().min(1).max(100) })
  .strict();

export type SubscriptionVerdict = 'allowed' | 'pending' | 'forbidden' | 'unknown-topic';

/**
 * May this user listen to this topic? `events` is public. An order's topic is its owner's: the owner is known
 * from the orders service's own events (an event-carried read model, see docs/event-management.md). An order not seen yet is
 * 'pending': the subscription is kept, and the broadcaster drops it with a refusal the moment the order's first
 * event names someone else as its owner; it never sends an order's status to anyone but the user the event names.
 */
export function decideSubscription(input: {
  topic: string;
  userId: string;
  orderOwner: string | undefined;
}): SubscriptionVerdict {
  const topic = parseTopic(input.topic);
  if (!topic) return 'unknown-topic';
  if (topic.kind === 'events') return 'allowed';
  if (input.orderOwner === undefined) return 'pending';
  return input.orderOwner === input.userId ? 'allowed' : 'forbidden';
}

/** What goes down the socket: `{type, data, at}`. */
export interface PushMessage {
  type: string;
  data: Record<string, unknown>;
  at: string;
}

export interface Push {
  topic: string;
  message: PushMessage;
  /** Only subscribers who are this user receive it (an order's status goes to its owner only). */
  onlyFor?: string;
}

/** The bus events the broadcaster listens to (its subscription's rule is built from this list). */
export const broadcastEvents: EventDefinition[] = [
  calendarEventCreated,
  calendarEventUpdated,
  calendarEventCancelled,
  registrationCreated,
  registrationCancelled,
  orderPlaced,
  orderReady,
  orderDeliveryUpdated,
];

const ORDER_TYPES = new Set([orderPlaced.detailType, orderReady.detailType, orderDeliveryUpdated.detailType]);
const REGISTRATION_TYPES = new Set([registrationCreated.detailType, registrationCancelled.detailType]);

/**
 * The push a bus event becomes. Metadata stays on the bus; a registration is public only as "a place was
 * taken/given back" (who took it is not everyone's business); an order's status goes to its topic, for its owner.
 */
export function pushFor(detailType: string, detail: Record<string, unknown>, at: Date): Push {
  const { eventId: _e, correlationId: _c, schemaVersion: _s, ...data } = detail;
  const message = (payload: Record<string, unknown>) => ({
    type: detailType,
    data: payload,
    at: at.toISOString(),
  });
  if (ORDER_TYPES.has(detailType)) {
    const orderId = String(data.orderId);
    return { topic: orderTopic(orderId), message: message(data), onlyFor: String(data.userId) };
  }
  if (REGISTRATION_TYPES.has(detailType)) {
    const { userId: _u, ...publicData } = data;
    return { topic: EVENTS_TOPIC, message: message(publicData) };
  }
  if (detailType === calendarEventCancelled.detailType) {
    const { registeredUserIds, ...publicData } = data;
    return {
      topic: EVENTS_TOPIC,
      message: message({ ...publicData, registeredCount: (registeredUserIds as unknown[]).length }),
    };
  }
  return { topic: EVENTS_TOPIC, message: message(data) };
}

/**
 * The management API's endpoint, from configuration: the stage's callback URL on AWS; on an emulator (which sets
 * AWS_ENDPOINT_URL for its functions) its path-style execute-api address, which needs no DNS.
 */
export function managementEndpoint(input: {
  callbackUrl: string;
  apiId: string;
  stage: string;
  emulatorEndpoint?: string;
}): string {
  if (!input.emulatorEndpoint) return input.callbackUrl;
  return `${input.emulatorEndpoint.replace(/\/$/, '')}/_aws/execute-api/${input.apiId}/${input.stage}`;
}

/** Connections live two hours at most on API Gateway; their items expire a little after that. */
export const CONNECTION_TTL_SECONDS = 3 * 3600;
