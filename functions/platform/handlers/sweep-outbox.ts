import { sweepOutboxes } from '../../../shared/messaging/outbox-relay';
import { clock, logger, relayConfig, relayDeps } from '../wiring';

/** Scheduled: publishes outbox items the stream relay has not removed after a grace period. */
export const handler = async () => {
  const config = relayConfig();
  await clock.sync();
  const tables = config.OUTBOX_SOURCES.map((t) => t.table);
  const olderThan = new Date(clock.now().getTime() - config.OUTBOX_SWEEP_GRACE_SECONDS * 1000);
  const report = await sweepOutboxes(tables, olderThan, relayDeps());
  logger().info('outbox swept', { tables: tables.length, ...report });
  return report;
};
