import { CfnOutput, Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { KITCHEN_SOURCE, orderPlaced } from '../../events/pizza';
import { OUTPUTS } from '../names';
import { EventSubscription } from './event-subscription';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';

/** The names of the kitchens that compete for the kitchen queue; each is its own function. */
export const KITCHEN_NAMES = ['kitchen-1', 'kitchen-2'] as const;

/**
 * The kitchen: order.placed → the kitchen queue → two kitchens that compete for its messages, one message per
 * invocation (batch size 1), so the kitchen scales per order and an operator can switch both off and on.
 */
export class KitchenService extends Construct {
  readonly table: ServiceTable;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox, sources: [KITCHEN_SOURCE] });
    // The timeout covers the longest preparation an operator may set (MAX_PREP_MS, 20 s) with room to spare.
    const kitchens = KITCHEN_NAMES.map(
      (name, index) =>
        new ServiceFunction(this, `Kitchen${index + 1}Function`, {
          service: 'kitchen',
          handler: 'cook-order',
          table: this.table,
          timeout: Duration.seconds(30),
          environment: { KITCHEN_NAME: name },
        }),
    );
    const subscription = new EventSubscription(this, 'OrderPlacedSubscription', {
      bus: platform.bus,
      events: [orderPlaced],
      consumers: kitchens,
      alarmTopic: platform.alarmTopic,
      undeliverable: platform.undeliverableEvents,
      batchSize: 1,
    });

    platform.watchQueue('Kitchen', subscription.queues);
    platform.watchFunctions('Kitchen', kitchens);
    subscription.queues.outputUrls({ queue: OUTPUTS.kitchenQueueUrl, dlq: OUTPUTS.kitchenDlqUrl });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.kitchenTable, value: this.table.tableName });
    new CfnOutput(this, 'FunctionsOutput', {
      key: OUTPUTS.kitchenFunctions,
      value: kitchens.map((k) => k.functionName).join(','),
    });
  }
}
