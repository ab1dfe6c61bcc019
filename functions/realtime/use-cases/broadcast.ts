import { inLanes } from '../../../shared/in-lanes';
import { tokenExpired } from '../domain/token-expiry';
import { type Push, parseTopic } from '../domain/topics';
import type { Pusher, RealtimeStore, Subscriber } from '../ports';
import { closeExpired } from './connections';

export interface BroadcastReport {
  subscribers: number;
  sent: number;
  gone: number;
  failed: number;
  refused: number;
  /** Connections whose token had expired: closed, not pushed to. */
  expired: number;
}

/**
 * Sends one push to every subscriber of its topic, at most `concurrency` posts in flight, each post bounded by
 * `timeoutMs` from the moment it starts: a slow or dead client holds one lane for at most `timeoutMs` while the
 * other lanes go on, so it costs the others nothing as long as fewer than `concurrency` clients hang at once.
 * (Unbounded, 1,000 posts queued behind the HTTP agent's sockets and every one ran out its timeout before it was
 * even sent: BENCHMARKS.md, "Live updates".) A connection the API says is gone (410) is removed. A failed post is
 * not retried (a live view refetches on reconnect); storage errors throw, so the message comes again.
 *
 * A subscriber whose access token has expired gets no push: its connection is closed (use-cases/connections.ts).
 *
 * An order's push goes to its owner only; a subscriber of that order who is someone else (subscribed before the
 * order was known) is told FORBIDDEN and unsubscribed.
 */
export async function broadcast(
  deps: { store: RealtimeStore; pusher: Pusher; now: () => Date; timeoutMs: number; concurrency?: number },
  push: Push,
): Promise<BroadcastReport> {
  const topic = parseTopic(push.topic);
  if (topic?.kind === 'order' && push.onlyFor) await deps.store.recordOrderOwner(topic.orderId, push.onlyFor);
  const subscribers = await deps.store.subscribers(push.topic);
  const report: BroadcastReport = {
    subscribers: subscribers.length,
    sent: 0,
    gone: 0,
    failed: 0,
    refused: 0,
    expired: 0,
  };
  const deliver = async (subscriber: Subscriber) => {
    if (tokenExpired(subscriber.tokenExpiresAt, deps.now())) {
      report.expired++;
      await closeExpired(deps, subscriber.connectionId);
      return;
    }
    if (push.onlyFor !== undefined && subscriber.userId !== push.onlyFor) {
      report.refused++;
      await deps.store.unsubscribe(subscriber.connectionId, push.topic);
      await deps.pusher.post(
        subscriber.connectionId,
        { type: 'error', code: 'FORBIDDEN', topic: push.topic, at: deps.now().toISOString() },
        deps.timeoutMs,
      );
      return;
    }
    const outcome = await deps.pusher.post(subscriber.connectionId, push.message, deps.timeoutMs);
    report[outcome]++;
    if (outcome === 'gone') {
      // Its $disconnect may never have run: the topic's item goes as well as whatever the connection recorded.
      await deps.store.unsubscribe(subscriber.connectionId, push.topic);
      await deps.store.removeConnection(subscriber.connectionId);
    }
  };
  await inLanes(subscribers, deps.concurrency ?? DEFAULT_CONCURRENCY, deliver);
  return report;
}

/** Posts in flight at once when the caller does not say: below the SDK's default of 50 sockets per host. */
export const DEFAULT_CONCURRENCY = 32;
