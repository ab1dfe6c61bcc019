/** Names that scripts, tests and the CDK app share; declared once. */
export const STACK_NAME = 'ServerlessPlatform';
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
  kitchenTable: 'KitchenTableName',
  kitchenQueueUrl: 'KitchenQueueUrl',
  kitchenDlqUrl: 'KitchenDlqUrl',
  kitchenFunctions: 'KitchenFunctionNames',
  deliveryTable: 'DeliveryTableName',
  deliveryQueueUrl: 'DeliveryQueueUrl',
  deliveryDlqUrl: 'DeliveryDlqUrl',
  deliveryStepsQueueUrl: 'DeliveryStepsQueueUrl',
  deliveryStepsDlqUrl: 'DeliveryStepsDlqUrl',
  notificationsTable: 'NotificationsTableName',
  notificationsQueueUrl: 'NotificationsQueueUrl',
  notificationsDlqUrl: 'NotificationsDlqUrl',
  // The web console (issue 11)
  consoleUrl: 'ConsoleUrl',
  consoleCdnUrl: 'ConsoleCdnUrl',
} as const;
