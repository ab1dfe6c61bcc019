import { CfnOutput } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { notifications as routes } from '../../api/routes';
import { OUTPUTS } from '../names';
import type { EventFanoutTopic } from './event-fanout-topic';
import type { Platform } from './platform';
import { ServiceFunction, type TableAccess } from './service-function';
import { ServiceTable } from './service-table';

/** Notifications: a subscriber of the order-status topic that stores a message per change; GET /notifications. */
export class NotificationsService extends Construct {
  readonly table: ServiceTable;

  constructor(scope: Construct, id: string, platform: Platform, orderStatus: EventFanoutTopic) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox, sources: [] });
    const fn = (name: string, handler: string, tableAccess: TableAccess) =>
      new ServiceFunction(this, name, { service: 'notifications', handler, table: this.table, tableAccess });

    platform.addRoute(
      routes.listMyNotifications,
      fn('ListMyNotificationsFunction', 'list-my-notifications', 'read'),
    );
    const store = fn('StoreNotificationFunction', 'store-notification', 'readWrite');
    const queues = orderStatus.subscribe(this, 'NotificationsSubscription', store);

    platform.watchQueue('Notifications', queues);
    platform.watchFunctions('Notifications', [store]);
    queues.outputUrls({ queue: OUTPUTS.notificationsQueueUrl, dlq: OUTPUTS.notificationsDlqUrl });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.notificationsTable, value: this.table.tableName });
  }
}
