/** Names that scripts, tests and the CDK app share; declared once. */
/**
 * The app's one stack, the one a bare `cdk deploy` (or `cdklocal deploy`) deploys. The systems that would take it
 * past CloudFormation's 500 resources a stack are nested stacks inside it (QUESTS_STACK_ID, ...), and every output
 * the scripts read is the root's own, so the outputs file holds them all under this name.
 */
export const STACK_NAME = 'ServerlessPlatform';
/** Quests and rewards: a nested stack of the root, standing on the platform (bus, pool, API, outbox relay). */
export const QUESTS_STACK_ID = 'Quests';
/** The orders' payment reconciler: a nested stack of the root, standing on the orders table and payments. */
export const ORDERS_RECONCILER_STACK_ID = 'OrdersReconciler';
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
  // Alarms that reach someone
  alarmTopicArn: 'AlarmTopicArn',
  alarmInboxQueueUrl: 'AlarmInboxQueueUrl',
  missedDayFailuresQueueUrl: 'MissedDayFailuresQueueUrl',
  outboxSweepFailuresQueueUrl: 'OutboxSweepFailuresQueueUrl',
  // The pizza platform
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
  // The event-management platform
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
  // The web console
  consoleUrl: 'ConsoleUrl',
  consoleCdnUrl: 'ConsoleCdnUrl',
  // Quests and rewards
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
