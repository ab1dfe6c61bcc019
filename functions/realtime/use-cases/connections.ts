import { tokenExpired } from '../domain/token-expiry';
import { CONNECTION_TTL_SECONDS, clientMessage, decideSubscription, parseTopic } from '../domain/topics';
import type { Pusher, RealtimeStore } from '../ports';

const REPLY_TIMEOUT_MS = 2000;

const expiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + CONNECTION_TTL_SECONDS;

/** $connect, after the authorizer accepted the token: remember who this connection is, and until when. */
export async function openConnection(
  deps: { store: RealtimeStore; now: () => Date },
  input: { connectionId: string; userId: string; tokenExpiresAt: number },
) {
  const now = deps.now();
  await deps.store.saveConnection({ ...input, connectedAt: now.toISOString(), expiresAt: expiresAt(now) });
}

/** Closes a connection whose token expired (the client sees its socket close) and forgets it. */
export async function closeExpired(deps: { store: RealtimeStore; pusher: Pusher }, connectionId: string) {
  await deps.pusher.close(connectionId);
  await deps.store.removeConnection(connectionId);
}

/**
 * The sweep (every minute): closes the connections whose token expired, pushes or not. The broadcaster closes the
 * ones it meets first; this catches the idle ones.
 */
export async function closeExpiredConnections(deps: {
  store: RealtimeStore;
  pusher: Pusher;
  now: () => Date;
}) {
  const expired = await deps.store.expiredConnections(Math.floor(deps.now().getTime() / 1000));
  for (const connectionId of expired) await closeExpired(deps, connectionId);
  return expired.length;
}

/** $disconnect (or a 410 seen by the broadcaster): the connection and its subscriptions go. */
export async function closeConnection(deps: { store: RealtimeStore }, connectionId: string) {
  await deps.store.removeConnection(connectionId);
}

/**
 * A client's message: subscribe or unsubscribe. The answer goes back through the management API (AWS returns a
 * route's own answer only with a route response, which not every target deploys), as one of
 * `{type:'subscribed'|'unsubscribed', topic}` or `{type:'error', code, message}`.
 */
export async function handleClientMessage(
  deps: { store: RealtimeStore; pusher: Pusher; now: () => Date },
  input: { connectionId: string; userId: string; tokenExpiresAt: number; body: string },
) {
  if (tokenExpired(input.tokenExpiresAt, deps.now())) {
    await closeExpired(deps, input.connectionId);
    return 'expired' as const;
  }
  const reply = (message: Record<string, unknown>) =>
    deps.pusher.post(input.connectionId, { ...message, at: deps.now().toISOString() }, REPLY_TIMEOUT_MS);
  let json: unknown;
  try {
    json = JSON.parse(input.body);
  } catch {
    json = undefined;
  }
  const parsed = clientMessage.safeParse(json);
  if (!parsed.success) {
    await reply({
      type: 'error',
      code: 'BAD_MESSAGE',
      message: 'Send {"action":"subscribe"|"unsubscribe","topic":"events"|"order:<orderId>"}.',
      details: parsed.error.issues.map((i) => ({
        field: i.path.join('.') || '(message)',
        message: i.message,
      })),
    });
    return 'bad-message' as const;
  }
  const { action, topic } = parsed.data;
  if (action === 'unsubscribe') {
    await deps.store.unsubscribe(input.connectionId, topic);
    await reply({ type: 'unsubscribed', topic });
    return 'unsubscribed' as const;
  }
  const parsedTopic = parseTopic(topic);
  const orderOwner =
    parsedTopic?.kind === 'order' ? await deps.store.orderOwner(parsedTopic.orderId) : undefined;
  const verdict = decideSubscription({ topic, userId: input.userId, orderOwner });
  switch (verdict) {
    case 'unknown-topic':
      await reply({ type: 'error', code: 'UNKNOWN_TOPIC', topic, message: `There is no topic '${topic}'.` });
      return verdict;
    case 'forbidden':
      await reply({
        type: 'error',
        code: 'FORBIDDEN',
        topic,
        message: 'Only the order’s owner may follow it.',
      });
      return verdict;
    case 'allowed':
    case 'pending':
      await deps.store.subscribe({
        connectionId: input.connectionId,
        userId: input.userId,
        tokenExpiresAt: input.tokenExpiresAt,
        topic,
        expiresAt: expiresAt(deps.now()),
      });
      await reply({ type: 'subscribed', topic });
      return verdict;
  }
}
