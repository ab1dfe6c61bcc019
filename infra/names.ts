/** Names that scripts, tests and the CDK app share; declared once. */
export const STACK_NAME = 'ServerlessPlatform';
/**
 * The quests system's own stack (issue 10): CloudFormation takes 500 resources a stack, and the platform's stack
 * with every system came to about 520. It depends on the platform's stack (bus, pool, API, outbox relay) only.
 */
export const QUESTS_STACK_NAME = 'ServerlessPlatformQuests';
/**
 * The orders' payment reconciler (issue 9, Money): a scheduled job of the pizza system in a stack of its own, so
 * that the platform's stack, near its 500 resources, does not grow. It stands on the platform's stack only.
 */
export const ORDERS_RECONCILER_STACK_NAME = 'ServerlessPlatformOrdersReconciler';
/** Every stack of the app, the platform's first: deploy, outputs and post-deploy checks walk them all. */
export const STACK_NAMES = [STACK_NAME, QUESTS_STACK_NAME, ORDERS_RECONCILER_STACK_NAME] as const;
export const EVENT_BUS_NAME = 'serverless-platform';

/** Stack output keys. */
export const OUTPUTS = {
  apiUrl: 'ApiUrl',
  httpApiId: 'HttpApiId',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  eventBusName: 'EventBusName',
  interactionsTable: 'InteractionsTableName',
  petsTable: 'PetsTableName',
  petsQueueUrl: 'PetsQueueUrl',
  petsDlqUrl: 'PetsDlqUrl',
  rosterQueueUrl: 'RosterQueueUrl',
  rosterDlqUrl: 'RosterDlqUrl',
  petsConsumerFunction: 'PetsConsumerFunctionName',
  missedDayJobFunction: 'MissedDayJobFunctionName',
  missedDayRuleName: 'MissedDayRuleName',
  missedDayQueueUrl: 'MissedDayQueueUrl',
  missedDayDlqUrl: 'MissedDayDlqUrl',
  dashboardName: 'DashboardName',
  undeliverableEventsDlqUrl: 'UndeliverableEventsDlqUrl',
  outboxRelayFunction: 'OutboxRelayFunctionName',
  outboxSweepFunction: 'OutboxSweepFunctionName',
  testClockTable: 'TestClockTableName',
  // Alarms that reach someone (issue 9)
  alarmTopicArn: 'AlarmTopicArn',
  alarmInboxQueueUrl: 'AlarmInboxQueueUrl',
  missedDayFailuresQueueUrl: 'MissedDayFailuresQueueUrl',
  outboxSweepFailuresQueueUrl: 'OutboxSweepFailuresQueueUrl',
  // The pizza platform (issue 4)
  orderStatusTopicArn: 'OrderStatusTopicArn',
  ordersTable: 'OrdersTableName',
  ordersTimelineQueueUrl: 'OrdersTimelineQueueUrl',
  ordersTimelineDlqUrl: 'OrdersTimelineDlqUrl',
  paymentsTable: 'PaymentsTableName',
  paymentsFunction: 'PaymentsFunctionName',
  paymentsReconcilerFunction: 'PaymentsReconcilerFunctionName',
  kitchenTable: 'KitchenTableName',
  kitchenQueueUrl: 'KitchenQueueUrl',
  kitchenDlqUrl: 'KitchenDlqUrl',
  kitchenFunctions: 'KitchenFunctionNames',
  deliveryTable: 'DeliveryTableName',
  deliveryQueueUrl: 'DeliveryQueueUrl',
  deliveryDlqUrl: 'DeliveryDlqUrl',
  deliveryStepsQueueUrl: 'DeliveryStepsQueueUrl',
  deliveryStepsDlqUrl: 'DeliveryStepsDlqUrl',
  /** The step function, which also runs the delivery sweeper (scripts and tests invoke it with SWEEP_INPUT). */
  deliveryAdvanceFunction: 'DeliveryAdvanceFunctionName',
  notificationsTable: 'NotificationsTableName',
  notificationsQueueUrl: 'NotificationsQueueUrl',
  notificationsDlqUrl: 'NotificationsDlqUrl',
  // The event-management platform (issue 11)
  calendarTable: 'CalendarTableName',
  realtimeTable: 'RealtimeTableName',
  webSocketUrl: 'WebSocketUrl',
  webSocketApiId: 'WebSocketApiId',
  webSocketStage: 'WebSocketStage',
  broadcastQueueUrl: 'BroadcastQueueUrl',
  broadcastDlqUrl: 'BroadcastDlqUrl',
  analyticsTable: 'AnalyticsTableName',
  trackQueueUrl: 'TrackQueueUrl',
  trackDlqUrl: 'TrackDlqUrl',
  // The web console (issue 11)
  consoleUrl: 'ConsoleUrl',
  consoleCdnUrl: 'ConsoleCdnUrl',
  // Quests and rewards (issue 10)
  signInTable: 'SignInTableName',
  questCatalogTable: 'QuestCatalogTableName',
  questProgressTable: 'QuestProgressTableName',
  questProgressQueueUrl: 'QuestProgressQueueUrl',
  questProgressDlqUrl: 'QuestProgressDlqUrl',
  questProgressConsumerFunction: 'QuestProgressConsumerFunctionName',
  rewardsTable: 'RewardsTableName',
  rewardsQueueUrl: 'RewardsQueueUrl',
  rewardsDlqUrl: 'RewardsDlqUrl',
  signInFunction: 'SignInFunctionName',
} as const;
