import { Aspects, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
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
import { ORDERS_RECONCILER_STACK_NAME, OUTPUTS, QUESTS_STACK_NAME } from './names';

/**
 * Quests and rewards (issue 10): sign-ins, the catalog, event-sourced progress, the wallet. A stack of its own
 * that stands on the platform's (bus, user pool, API, outbox relay, alarm topic) and is never referenced back.
 */
export class QuestsStack extends Stack {
  constructor(scope: Construct, id: string, platform: Platform, props?: StackProps) {
    super(scope, id, props);
    Aspects.of(this).add(new FunctionAlarms(platform.alarmTopic));
    new SignInService(this, 'SignIn', platform);
    new QuestCatalogService(this, 'QuestCatalog', platform);
    new QuestProgressService(this, 'QuestProgress', platform);
    new RewardsService(this, 'Rewards', platform);
  }
}

/**
 * The platform and the systems on it: this stack, and the quests stack it creates beside itself. Both deploy
 * unchanged to an emulator and to AWS (`cdk deploy --all`).
 */
export class PlatformStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const platform = new Platform(this, 'Platform');
    new InteractionsService(this, 'Interactions', platform);
    new PetsService(this, 'Pets', platform);

    // The pizza platform (issue 4): order status changes fan out through SNS to every subscriber's own queue.
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
    // Its payment reconciler (issue 9) in a stack of its own: this one is near CloudFormation's 500 resources.
    new OrdersReconcilerStack(
      scope,
      ORDERS_RECONCILER_STACK_NAME,
      platform,
      { ordersTable: orders.table, payments: payments.chargeFunction },
      props,
    );
    new KitchenService(this, 'Kitchen', platform);
    new DeliveryService(this, 'Delivery', platform);
    new NotificationsService(this, 'Notifications', platform, orderStatus);

    // Quests and rewards (issue 10) in a stack of their own: this one would pass CloudFormation's 500 resources.
    new QuestsStack(scope, QUESTS_STACK_NAME, platform, props);

    // The event-management platform (issue 11): calendar events with roles, live updates, analytics.
    new CalendarService(this, 'Calendar', platform);
    const realtime = new RealtimeService(this, 'Realtime', platform);
    new AnalyticsService(this, 'Analytics', platform);

    // The web console (issue 11), served by the platform at GET /console.
    new ConsoleSite(this, 'Console', platform, {
      webSocket: {
        apiId: realtime.webSocketApi.apiId,
        stage: WEBSOCKET_STAGE,
        url: `${realtime.webSocketApi.apiEndpoint}/${WEBSOCKET_STAGE}`,
      },
      features: { events: true, quests: true },
    });
  }
}
