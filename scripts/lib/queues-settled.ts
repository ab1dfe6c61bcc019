import { eventually } from './eventually';
import { queueDepth } from './queues';

/**
 * Waits until every given queue has nothing waiting and nothing in flight, several looks in a row: then every
 * message sent before the call has been handled (or dead-lettered). How a test or the demo shows that something
 * did NOT happen, without guessing a sleep.
 */
export async function queuesSettled(
  queueUrls: string[],
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const busy = async () => {
    let total = 0;
    for (const url of queueUrls) {
      const depth = await queueDepth(url);
      total += depth.visible + depth.inFlight;
    }
    return total;
  };
  let quietLooks = 0;
  await eventually(
    async () => {
      quietLooks = (await busy()) === 0 ? quietLooks + 1 : 0;
      return quietLooks >= 3;
    },
    { what: 'the queues to settle', timeoutMs: options.timeoutMs ?? 30_000, intervalMs: 200 },
  );
}
