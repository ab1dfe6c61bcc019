import { type CfnElement, CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { orders as routes } from '../../api/routes';
import { ORDERS_SOURCE } from '../../events/pizza';
import {
  ALL_ORDERS_INDEX,
  ALL_ORDERS_PLACE_ATTRIBUTE,
  ALL_ORDERS_SHARD_ATTRIBUTE,
} from '../../functions/orders/adapters/all-orders-index';
import {
  UNSETTLED_INDEX,
  UNSETTLED_SHARD_ATTRIBUTE,
  UNSETTLED_SINCE_ATTRIBUTE,
} from '../../functions/orders/adapters/unsettled-index';
import { OUTPUTS } from '../names';
import type { EventFanoutTopic } from './event-fanout-topic';
import type { Platform } from './platform';
import { ServiceFunction, type TableAccess } from './service-function';
import { ServiceTable } from './service-table';

export interface OrdersServiceProps {
  /** The topic every order status change fans out on; the orders timeline subscribes its own queue. */
  orderStatus: EventFanoutTopic;
  /** The payment processor, called synchronously when an order is placed. */
  payments: lambda.IFunction;
}

/**
 * Orders: the menu, placing an order (with a synchronous payment), the customer's orders and their timelines. No
 * function here may put events on the bus: a paid order's order.placed leaves through the table's outbox. The
 * reconciler that settles payments nobody could confirm lives in a stack of its own (OrdersReconciler).
 */
export class OrdersService extends Construct {
  readonly table: ServiceTable;

  constructor(scope: Construct, id: string, platform: Platform, props: OrdersServiceProps) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox, sources: [ORDERS_SOURCE] });
    // The orders whose payment attempt is unsettled, and only those: what the reconciler reads.
    this.table.addGlobalSecondaryIndex({
      indexName: UNSETTLED_INDEX,
      partitionKey: { name: UNSETTLED_SHARD_ATTRIBUTE, type: dynamodb.AttributeType.STRING },
      sortKey: { name: UNSETTLED_SINCE_ATTRIBUTE, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    // GET /orders?all=true: every order, newest first, a page at a time (a query of each shard, not a scan);
    // keys only, so an order writes to it once, at its creation (adapters/all-orders-index.ts).
    this.table.addGlobalSecondaryIndex({
      indexName: ALL_ORDERS_INDEX,
      partitionKey: { name: ALL_ORDERS_SHARD_ATTRIBUTE, type: dynamodb.AttributeType.STRING },
      sortKey: { name: ALL_ORDERS_PLACE_ATTRIBUTE, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });
    const fn = (name: string, handler: string, tableAccess: TableAccess = 'readWrite') =>
      new ServiceFunction(this, name, {
        service: 'orders',
        handler,
        table: this.table,
        tableAccess,
        environment: { PAYMENTS_FUNCTION_NAME: props.payments.functionName, PAYMENT_TIMEOUT_MS: '2000' },
      });

    // A charge waits 2 s, a settle after it up to about 5 s: the function's own limit stays above both.
    const placeOrder = new ServiceFunction(this, 'PlaceOrderFunction', {
      service: 'orders',
      handler: 'place-order',
      table: this.table,
      timeout: Duration.seconds(15),
      environment: { PAYMENTS_FUNCTION_NAME: props.payments.functionName, PAYMENT_TIMEOUT_MS: '2000' },
    });
    invokesPayments(placeOrder, props.payments);
    // The menu is static: no table, no bus, nothing to grant.
    const menu = new ServiceFunction(this, 'GetMenuFunction', { service: 'orders', handler: 'get-menu' });
    platform.addRoute(routes.getMenu, menu);
    platform.addRoute(routes.placeOrder, placeOrder);
    platform.addRoute(routes.listOrders, fn('ListOrdersFunction', 'list-orders', 'read'));
    platform.addRoute(routes.getOrder, fn('GetOrderFunction', 'get-order', 'read'));

    const timeline = fn('RecordOrderStatusFunction', 'record-order-status');
    const timelineQueues = props.orderStatus.subscribe(this, 'TimelineSubscription', timeline);

    platform.watchQueue('Orders timeline', timelineQueues);
    platform.watchFunctions('Orders', [placeOrder, timeline]);
    timelineQueues.outputUrls({ queue: OUTPUTS.ordersTimelineQueueUrl, dlq: OUTPUTS.ordersTimelineDlqUrl });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.ordersTable, value: this.table.tableName });
  }
}

/** Lets an orders function invoke the payments function (charge and settle), and nothing else. */
export function invokesPayments(fn: ServiceFunction, payments: lambda.IFunction): void {
  payments.grantInvoke(fn);
  Validations.of(fn).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${Stack.of(payments).getLogicalId(payments.node.defaultChild as CfnElement)}.Arn>:*]`,
    reason:
      'Invoking the payments function, any of its versions or aliases (grantInvoke); no other function.',
  });
}
