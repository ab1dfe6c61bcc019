import type { PushMessage } from './domain/topics';

export interface Subscriber {
  connectionId: string;
  userId: string;
}

/** Connections, their subscriptions (both with a TTL) and who owns which order; adapters/dynamodb-realtime-store.ts. */
export interface RealtimeStore {
  saveConnection(connection: {
    connectionId: string;
    userId: string;
    connectedAt: string;
    expiresAt: number;
  }): Promise<void>;
  /** Removes the connection and every subscription it had. */
  removeConnection(connectionId: string): Promise<void>;
  subscribe(subscription: Subscriber & { topic: string; expiresAt: number }): Promise<void>;
  unsubscribe(connectionId: string, topic: string): Promise<void>;
  subscribers(topic: string): Promise<Subscriber[]>;
  orderOwner(orderId: string): Promise<string | undefined>;
  recordOrderOwner(orderId: string, userId: string): Promise<void>;
}

/** Posts one message to one connection; never waits past `timeoutMs`. */
export interface Pusher {
  post(
    connectionId: string,
    message: PushMessage | Record<string, unknown>,
    timeoutMs: number,
  ): Promise<'sent' | 'gone' | 'failed'>;
}
