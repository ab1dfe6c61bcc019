import { Aspects, CfnOutput, NestedStack, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { orderStatusEvents } from '../events/pizza';
import { AnalyticsService } from './constructs/analytics-service';
import { CalendarService } from './constructs/calendar-service';
import { ConsoleSite } from './constructs/console-site';
import { DeliveryService } from './constructs/delivery-service';
import { EventFanoutTopic } from './constructs/event-fanout-topic';
import { FunctionAlarms } from './constructs/function-alarms';
import { InteractionsService } from './constructs/interactions-service';
import { KitchenService } from './constructs/kitchen-service';
import { LocalFixups } from './constructs/local-fixups';
import { NotificationsService } from './constructs/notifications-service';
import { OrdersReconcilerStack } from './constructs/orders-reconciler';
import { OrdersService } from './constructs/orders-service';
import { PaymentsService } from './constructs/payments-service';
import { PetsService } from './constructs/pets-service';
import { Platform } from './constructs/platform';
import { QuestCatalogService } from './constructs/quest-catalog-service';
import { QuestProgressService } from './constructs/quest-progress-service';
import { RealtimeService, WEBSOCKET_STAGE } from './constructs/realtime-service';
import { RewardsService } from './constructs/rewards-service';
import { SignInService } from './constructs/sign-in-service';
import { isLocalStage } from './constructs/stage';
import { ORDERS_RECONCILER_STACK_ID, OUTPUTS, QUESTS_STACK_ID } from './names';

/**
 * Quests and rewards: sign-ins, the catalog, event-sourced progress, the wallet. A nested stack that
 * stands on the platform (bus, user pool, API, outbox relay, alarm topic): what it uses comes in as parameters.
 */
export class QuestsStack extends NestedStack {
  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id, { description: 'Quests and rewards: sign-ins, the catalog, progress, the wallet.' });
    Aspects.of(this).add(new FunctionAlarms(platform.alarmTopic));
    new SignInService(this, 'SignIn', platform);
    new QuestCatalogService(this, 'QuestCatalog', platform);
    new QuestProgressService(this, 'QuestProgress', platform);
    new RewardsService(this, 'Rewards', platform);
  }
}

/**
 * The platform and the systems on it: the app's one stack, with the quests and the reconciler as nested stacks
 * (CloudFormation takes 500 resources a stack). It deploys unchanged to an emulator (`cdklocal deploy`) and to
 * AWS (`cdk deploy`); the outputs of the nested stacks are the root's too, so one outputs file holds them all.
 */
export class PlatformStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const platform = new Platform(this, 'Platform');
    new InteractionsService(this, 'Interactions', platform);
    new PetsService(this, 'Pets', platform);

    // The pizza platform: order status changes fan out through SNS to every subscriber's own queue.
    const orderStatus = new EventFanoutTopic(this, 'OrderStatus', {
      bus: platform.bus,
      events: [...orderStatusEvents],
      alarmTopic: platform.alarmTopic,
      undeliverable: platform.undeliverableEvents,
    });
    new CfnOutput(this, 'OrderStatusTopicOutput', {
      key: OUTPUTS.orderStatusTopicArn,
      value: orderStatus.topic.topicArn,
    });
    const payments = new PaymentsService(this, 'Payments', platform);
    const orders = new OrdersService(this, 'Orders', platform, {
      orderStatus,
      payments: payments.chargeFunction,
    });
    // Its payment reconciler in a nested stack: this one is near CloudFormation's 500 resources.
    new OrdersReconcilerStack(this, ORDERS_RECONCILER_STACK_ID, platform, {
      ordersTable: orders.table,
      payments: payments.chargeFunction,
    });
    new KitchenService(this, 'Kitchen', platform);
    new DeliveryService(this, 'Delivery', platform);
    new NotificationsService(this, 'Notifications', platform, orderStatus);

    // Quests and rewards in a nested stack: this one would pass CloudFormation's 500 resources.
    new QuestsStack(this, QUESTS_STACK_ID, platform);

    // The event-management platform: calendar events with roles, live updates, analytics.
    new CalendarService(this, 'Calendar', platform);
    const realtime = new RealtimeService(this, 'Realtime', platform);
    new AnalyticsService(this, 'Analytics', platform);

    // The web console, served by the platform at GET /console.
    new ConsoleSite(this, 'Console', platform, {
      webSocket: {
        apiId: realtime.webSocketApi.apiId,
        stage: WEBSOCKET_STAGE,
        url: `${realtime.webSocketApi.apiEndpoint}/${WEBSOCKET_STAGE}`,
      },
      features: { events: true, quests: true },
    });

    for (const nested of nestedStacksOf(this)) reexportOutputs(nested, this);
    // What the emulator's CloudFormation drops from the templates, set again by the deploy itself (local only).
    if (isLocalStage(this)) new LocalFixups(this, 'LocalFixups', { warm: [payments.chargeFunction] });
  }
}

/** The app's stacks: the root and every stack nested in it, the root first. */
export function stacksOf(root: Stack): Stack[] {
  return [root, ...nestedStacksOf(root)];
}

function nestedStacksOf(root: Stack): NestedStack[] {
  return root.node.findAll().filter((c): c is NestedStack => NestedStack.isNestedStack(c));
}

/**
 * A nested stack's outputs are not in the deploy's outputs file (only the root's are), and the scripts and tests
 * read that file: each one moves to the root under the same key (CDK passes the value out of the nested stack).
 */
function reexportOutputs(nested: NestedStack, root: Stack): void {
  const outputs = nested.node.findAll().filter((c): c is CfnOutput => c instanceof CfnOutput);
  for (const output of outputs) {
    if (Stack.of(output) !== nested) continue;
    // A CfnOutput keeps its `key` (the name in the outputs file) to itself; its own rendering shows it.
    const rendered = (
      output as unknown as { _toCloudFormation(): { Outputs: Record<string, unknown> } }
    )._toCloudFormation();
    const key = nested.resolve(Object.keys(rendered.Outputs)[0]) as string;
    output.node.scope?.node.tryRemoveChild(output.node.id);
    new CfnOutput(root, `${key}Output`, { key, value: output.value, description: output.description });
  }
}
