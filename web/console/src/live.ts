/** A message the WebSocket API pushes: `{type, data, at}`, or an answer to (un)subscribe. */
export interface LiveMessage {
  type: string;
  topic?: string;
  code?: string;
  data?: Record<string, unknown>;
  at?: string;
}

type Listener = (message: LiveMessage) => void;

/**
 * One socket per tab, opened with `?token=`. Topics are subscribed again after every reconnect (a dropped
 * connection loses its subscriptions); reconnects back off from 1 s to 10 s. `onState` tells the page whether
 * it is live, so it can say so (and fall back to polling).
 */
export class LiveUpdates {
  private socket: WebSocket | undefined;
  private readonly topics = new Map<string, Set<Listener>>();
  private retryMs = 1000;
  private closed = false;
  connected = false;

  /**
   * `token` answers the session's access token, or undefined once it has expired: the server closes a connection
   * when its token expires, and instead of reconnecting with a dead token this calls `onExpired` (sign in again).
   */
  constructor(
    private readonly url: string,
    private readonly token: () => string | undefined,
    private readonly onState: (connected: boolean) => void,
    private readonly onExpired: () => void = () => {},
  ) {
    this.open();
  }

  subscribe(topic: string, listener: Listener): () => void {
    let listeners = this.topics.get(topic);
    if (!listeners) {
      listeners = new Set();
      this.topics.set(topic, listeners);
      this.send({ action: 'subscribe', topic });
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        this.topics.delete(topic);
        this.send({ action: 'unsubscribe', topic });
      }
    };
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private send(message: unknown) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private open() {
    const token = this.token();
    if (!token) {
      this.closed = true;
      this.onExpired();
      return;
    }
    const socket = new WebSocket(`${this.url}?token=${encodeURIComponent(token)}`);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retryMs = 1000;
      this.connected = true;
      for (const topic of this.topics.keys()) this.send({ action: 'subscribe', topic });
      this.onState(true);
    });
    socket.addEventListener('message', (event) => {
      let message: LiveMessage;
      try {
        message = JSON.parse(String(event.data)) as LiveMessage;
      } catch {
        return;
      }
      const topic = message.topic ?? topicOf(message);
      for (const listener of this.topics.get(topic ?? '') ?? []) listener(message);
    });
    socket.addEventListener('close', () => {
      this.connected = false;
      this.onState(false);
      if (this.closed) return;
      setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    });
  }
}

/** A pushed change names no topic: an order's carries its orderId, everything else is the `events` topic. */
function topicOf(message: LiveMessage): string | undefined {
  if (message.type.startsWith('order.') && typeof message.data?.orderId === 'string') {
    return `order:${message.data.orderId}`;
  }
  return message.data ? 'events' : undefined;
}
