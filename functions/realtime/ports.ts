import type { PushMessage } from './domain/topics';

export interface Subscriber {
  connectionId: string;
  userId: string;
  /** When the access token the connection was opened with expires (epoch seconds): the connection ends then. */
  tokenExpiresAt: number;
}

/** Connections, their subscriptions (both with a TTL) and who owns which order; adapters/dynamodb-realtime-store.ts. */
export interface RealtimeStore {
  saveConnection(connection: {
    connectionId: string;
    userId: string;
    connectedAt: string;
    tokenExpiresAt: number;
    expiresAt: number;
  }): Promise<void>;
  /** The connections whose token expired at or before `nowSeconds` (their item may not have gone yet). */
  expiredConnections(nowSeconds: number): Promise<string[]>;
  /** Removes the connection and every subscription it had. */
  removeConnection(connectionId: string): Promise<void>;
  subscribe(subscription: Subscriber & { topic: string; expiresAt: number }): Promise<void>;
  unsubscribe(connectionId: string, topic: string): Promise<void>;
  subscribers(topic: string): Promise<Subscriber[]>;
  orderOwner(orderId: string): Promise<string | undefined>;
  recordOrderOwner(orderId: string, userId: string): Promise<void>;
}

/** Posts one message to one connection, never waiting past `timeoutMs`; or closes a connection. */
export interface Pusher {
  /** DeleteConnection: the client sees its socket closed. 'gone' when it was closed already. */
  close(connectionId: string): Promise<'closed' | 'gone' | 'failed'>;
  post(
    connectionId: string,
    message: PushMessage | Record<string, unknown>,
    timeoutMs: number,
  ): Promise<'sent' | 'gone' | 'failed'>;
}
