import { type CfnElement, CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { OUTPUTS } from '../names';
import type { EventFanoutTopic } from './event-fanout-topic';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';

export interface OrdersServiceProps {
  /** The topic every order status change fans out on; the orders timeline subscribes its own queue. */
  orderStatus: EventFanoutTopic;
  /** The payment processor, called synchronously when an order is placed. */
  payments: lambda.IFunction;
}

/** Orders: the menu, placing an order (with a synchronous payment), the customer's orders and their timelines. */
export class OrdersService extends Construct {
  readonly table: ServiceTable;

  constructor(scope: Construct, id: string, platform: Platform, props: OrdersServiceProps) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox });
    const fn = (name: string, handler: string) =>
      new ServiceFunction(this, name, {
        service: 'orders',
        handler,
        table: this.table,
        bus: platform.bus,
        environment: { PAYMENTS_FUNCTION_NAME: props.payments.functionName, PAYMENT_TIMEOUT_MS: '2000' },
      });

    const placeOrder = fn('PlaceOrderFunction', 'place-order');
    props.payments.grantInvoke(placeOrder);
    Validations.of(placeOrder).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.payments.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason:
        'Invoking the payments function, any of its versions or aliases (grantInvoke); no other function.',
    });
    // The menu reads nothing and publishes nothing: read-only, no bus (it only needs the names its wiring checks).
    const menu = new ServiceFunction(this, 'GetMenuFunction', {
      service: 'orders',
      handler: 'get-menu',
      table: this.table,
      tableAccess: 'read',
      environment: {
        EVENT_BUS_NAME: platform.bus.eventBusName,
        PAYMENTS_FUNCTION_NAME: props.payments.functionName,
        PAYMENT_TIMEOUT_MS: '2000',
      },
    });
    platform.addRoute('GET', '/menu', menu);
    platform.addRoute('POST', '/orders', placeOrder);
    platform.addRoute('GET', '/orders', fn('ListOrdersFunction', 'list-orders'));
    platform.addRoute('GET', '/orders/{orderId}', fn('GetOrderFunction', 'get-order'));

    const timeline = fn('RecordOrderStatusFunction', 'record-order-status');
    const timelineQueues = props.orderStatus.subscribe(this, 'TimelineSubscription', timeline);

    platform.watchQueue('Orders timeline', timelineQueues);
    platform.watchFunctions('Orders', [placeOrder, timeline]);
    timelineQueues.outputUrls({ queue: OUTPUTS.ordersTimelineQueueUrl, dlq: OUTPUTS.ordersTimelineDlqUrl });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.ordersTable, value: this.table.tableName });
  }
}
