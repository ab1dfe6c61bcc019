import WebSocket from 'ws';
import { webSocketBaseUrl } from '../../scripts/lib/websocket';
import { outputs } from './platform';

export interface LiveMessage {
  type: string;
  topic?: string;
  code?: string;
  data?: Record<string, unknown>;
  at?: string;
  /** When this client received it (ms since the epoch). */
  receivedAt: number;
}

export interface LiveClient {
  messages: LiveMessage[];
  send(message: unknown): void;
  subscribe(topic: string): Promise<LiveMessage>;
  /** Polls the messages received so far until one satisfies `predicate`, or fails at the deadline. */
  waitFor(predicate: (m: LiveMessage) => boolean, timeoutMs?: number, what?: string): Promise<LiveMessage>;
  close(): Promise<void>;
  /** Drops the TCP connection without a close frame, as a phone going into a tunnel does. */
  vanish(): void;
  socket: WebSocket;
}

/** The HTTP status the handshake was refused with, or 101 when it was accepted. */
export async function handshakeStatus(token: string | undefined): Promise<number> {
  const url = token === undefined ? webSocketBaseUrl(outputs) : `${webSocketBaseUrl(outputs)}?token=${token}`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', (error) => reject(error));
  });
}

export async function connectLive(accessToken: string): Promise<LiveClient> {
  const socket = new WebSocket(`${webSocketBaseUrl(outputs)}?token=${encodeURIComponent(accessToken)}`);
  const messages: LiveMessage[] = [];
  socket.on('message', (data) => {
    try {
      messages.push({ ...(JSON.parse(String(data)) as LiveMessage), receivedAt: Date.now() });
    } catch {
      messages.push({ type: 'unparsable', receivedAt: Date.now() });
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) =>
      reject(new Error(`handshake refused: ${res.statusCode}`)),
    );
    socket.once('error', reject);
  });
  const waitFor: LiveClient['waitFor'] = async (predicate, timeoutMs = 10_000, what = 'a message') => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `no ${what} within ${timeoutMs} ms; got ${JSON.stringify(messages.map((m) => m.type))}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const client: LiveClient = {
    messages,
    socket,
    send: (message) => socket.send(JSON.stringify(message)),
    subscribe: async (topic) => {
      client.send({ action: 'subscribe', topic });
      return waitFor(
        (m) => m.topic === topic && (m.type === 'subscribed' || m.type === 'error'),
        10_000,
        `an answer to subscribe ${topic}`,
      );
    },
    waitFor,
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
    vanish: () => socket.terminate(),
  };
  return client;
}
