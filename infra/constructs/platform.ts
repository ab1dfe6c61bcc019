import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { GROUPS } from '../../shared/identity';
import { EVENT_BUS_NAME, OUTPUTS } from '../names';
import { OutboxRelay } from './outbox-relay';
import type { QueueWithDlq } from './queue-with-dlq';
import { ServiceFunction } from './service-function';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * What every service stands on: the event bus, the identity provider, the HTTP API whose every route needs a
 * token the pool issued for our app client, the topic alarms notify, and the operations dashboard.
 */
export class Platform extends Construct {
  readonly bus: events.EventBus;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly httpApi: apigwv2.HttpApi;
  readonly alarmTopic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  /** Events the bus or SNS could not deliver to a subscriber's queue after their retries: nothing vanishes. */
  readonly undeliverableEvents: sqs.Queue;
  /** The one publisher of every service's events: tables' outboxes to the bus (ADR 7). */
  readonly outbox: OutboxRelay;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = Stack.of(this).region;

    this.bus = new events.EventBus(this, 'Bus', { eventBusName: EVENT_BUS_NAME });

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      passwordPolicy: { minLength: 10, requireDigits: true, requireLowercase: true, requireUppercase: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.userPoolClient = this.userPool.addClient('AppClient', {
      authFlows: { userPassword: true },
      generateSecret: false,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
    });
    for (const [key, groupName] of Object.entries(GROUPS)) {
      new cognito.CfnUserPoolGroup(this, `Group${key}`, { userPoolId: this.userPool.userPoolId, groupName });
    }

    const authorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`,
      { jwtAudience: [this.userPoolClient.userPoolClientId] },
    );
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', { defaultAuthorizer: authorizer });

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: 'Serverless platform alarms' });
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: 'serverless-platform' });

    this.undeliverableEvents = new sqs.Queue(this, 'UndeliverableEventsDlq', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    });
    const undeliverableAlarm = new cloudwatch.Alarm(this, 'UndeliverableEventsAlarm', {
      alarmDescription:
        'The bus or SNS could not deliver events to a queue: check the queue policies, then redrive.',
      metric: this.undeliverableEvents.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    undeliverableAlarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
    new CfnOutput(this, 'UndeliverableEventsOutput', {
      key: OUTPUTS.undeliverableEventsDlqUrl,
      value: this.undeliverableEvents.queueUrl,
    });

    this.outbox = new OutboxRelay(this, 'Outbox', { bus: this.bus, alarmTopic: this.alarmTopic });

    // A route that does nothing behind the same authorizer and middleware: the baseline the benchmarks divide by.
    const whoAmI = new ServiceFunction(this, 'WhoAmIFunction', { service: 'platform', handler: 'who-am-i' });
    this.addRoute('GET', '/whoami', whoAmI);

    new CfnOutput(this, 'ApiUrlOutput', { key: OUTPUTS.apiUrl, value: this.httpApi.apiEndpoint });
    new CfnOutput(this, 'HttpApiIdOutput', { key: OUTPUTS.httpApiId, value: this.httpApi.apiId });
    new CfnOutput(this, 'UserPoolIdOutput', { key: OUTPUTS.userPoolId, value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientIdOutput', {
      key: OUTPUTS.userPoolClientId,
      value: this.userPoolClient.userPoolClientId,
    });
    new CfnOutput(this, 'EventBusNameOutput', { key: OUTPUTS.eventBusName, value: this.bus.eventBusName });
    new CfnOutput(this, 'DashboardNameOutput', { key: OUTPUTS.dashboardName, value: 'serverless-platform' });
  }

  addRoute(method: Method, path: string, handler: lambda.IFunction): void {
    this.httpApi.addRoutes({
      path,
      methods: [apigwv2.HttpMethod[method]],
      integration: new HttpLambdaIntegration(`${method}${path.replace(/[^A-Za-z0-9]/g, '')}`, handler),
    });
  }

  /**
   * A route without the JWT authorizer, for the one thing a caller does before it has a token: signing in
   * (POST /auth/sign-in). Every other route goes through addRoute.
   */
  addPublicRoute(method: Method, path: string, handler: lambda.IFunction): void {
    this.httpApi.addRoutes({
      path,
      methods: [apigwv2.HttpMethod[method]],
      integration: new HttpLambdaIntegration(`${method}${path.replace(/[^A-Za-z0-9]/g, '')}`, handler),
      authorizer: new apigwv2.HttpNoneAuthorizer(),
    });
  }

  /** Puts a consumer's queue on the dashboard: depth, age of the oldest message, and its DLQ. */
  watchQueue(title: string, queues: QueueWithDlq): void {
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${title}: waiting and dead-lettered`,
        left: [
          queues.queue.metricApproximateNumberOfMessagesVisible(),
          queues.deadLetterQueue.metricApproximateNumberOfMessagesVisible(),
        ],
        right: [queues.queue.metricApproximateAgeOfOldestMessage()],
      }),
      new cloudwatch.AlarmStatusWidget({
        title: `${title} alarms`,
        alarms: [queues.dlqDepthAlarm, queues.oldestMessageAlarm],
      }),
    );
  }

  watchFunctions(title: string, functions: lambda.IFunction[]): void {
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: `${title}: errors`, left: functions.map((f) => f.metricErrors()) }),
      new cloudwatch.GraphWidget({
        title: `${title}: duration p95`,
        left: functions.map((f) => f.metricDuration({ statistic: 'p95' })),
      }),
    );
  }
}
