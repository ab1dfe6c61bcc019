/*
 * Over 300 lines, not cut yet: the bus, the user pool and its client, the HTTP API, the alarms and the dashboard
 * each become a construct of their own in the house work. Moving a construct renames its resources' logical ids,
 * which on a deployed stack replaces the user pool and the bus, so that cut comes with a migration note, not as a
 * side step of a security change.
 */
import {
  Aspects,
  CfnCondition,
  CfnOutput,
  CfnParameter,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RouteContract } from '../../api/contract';
import { platform as platformRoutes } from '../../api/routes';
import { GROUPS } from '../../shared/identity';
import { EVENT_BUS_NAME, OUTPUTS } from '../names';
import { FailureQueue } from './failure-queue';
import { FunctionAlarms } from './function-alarms';
import { reserveLocalConcurrency } from './local-limits';
import { OutboxRelay } from './outbox-relay';
import type { QueueWithDlq } from './queue-with-dlq';
import { ServiceFunction } from './service-function';
import { numberFromContext, statefulRemovalPolicy } from './stage';

/** The fields of an access log line: who asked what, the answer, and how long the function took. No tokens. */
export const API_ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  userId: '$context.authorizer.claims.sub',
} as const;

/**
 * What every service stands on: the event bus, the identity provider, the HTTP API whose every route needs a
 * token the pool issued for our app client, the topic alarms notify, and the operations dashboard.
 */
export class Platform extends Construct {
  readonly bus: events.EventBus;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly httpApi: apigwv2.HttpApi;
  /** The HTTP API's access log: one JSON line per request (API_ACCESS_LOG_FORMAT). */
  readonly apiAccessLogs: logs.LogGroup;
  readonly alarmTopic: sns.Topic;
  /** Every alarm notification, as a message: what `npm run alarms` reads (locally there is no e-mail). */
  readonly alarmInbox: sqs.Queue;
  readonly dashboard: cloudwatch.Dashboard;
  /**
   * Events the bus or SNS could not deliver to a subscriber's queue after their retries, and outbox items the relay
   * refused to publish: nothing vanishes.
   */
  readonly undeliverableEvents: sqs.Queue;
  /** The one publisher of every service's events: tables' outboxes to the bus (ADR 7). */
  readonly outbox: OutboxRelay;
  /** The JWT authorizer every route but the public ones goes through. */
  readonly authorizer: apigwv2.IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = Stack.of(this).region;

    this.bus = new events.EventBus(this, 'Bus', { eventBusName: EVENT_BUS_NAME });

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      passwordPolicy: {
        minLength: 10,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      removalPolicy: statefulRemovalPolicy(this),
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan (threat protection) is billed per user; the Essentials plan is the deliberate choice for the demo systems, to revisit with real users.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'No MFA: the demo and the tests sign users in with a password (POST /auth/sign-in) on every target.',
    });
    // The one app client. Its id is in every access token (client_id), so it is public: the only password flow
    // it allows is ADMIN_USER_PASSWORD_AUTH, which needs IAM credentials (the sign-in route's function, operators'
    // scripts), so no one reaches the pool's password check around the route's throttle and uniform 401.
    this.userPoolClient = this.userPool.addClient('AppClient', {
      authFlows: { adminUserPassword: true },
      // A wrong password and an unknown user get the same NotAuthorizedException.
      preventUserExistenceErrors: true,
      // No hosted-UI OAuth: no code or implicit grant, no https://example.com callback that CDK adds by default.
      disableOAuth: true,
      generateSecret: false,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      // Cognito mints a refresh token with every sign-in; no client of ours uses one (the route drops it), so it
      // lives the shortest time Cognito allows instead of 30 days.
      refreshTokenValidity: Duration.minutes(60),
    });
    for (const [key, groupName] of Object.entries(GROUPS)) {
      new cognito.CfnUserPoolGroup(this, `Group${key}`, { userPoolId: this.userPool.userPoolId, groupName });
    }

    const authorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`,
      { jwtAudience: [this.userPoolClient.userPoolClientId] },
    );
    this.authorizer = authorizer;
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', { defaultAuthorizer: authorizer });
    this.apiAccessLogs = new logs.LogGroup(this, 'HttpApiAccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // The default stage: one JSON access log line per request, and a rate and burst limit for every route.
    const stage = this.httpApi.defaultStage?.node.defaultChild as apigwv2.CfnStage;
    stage.accessLogSettings = {
      destinationArn: this.apiAccessLogs.logGroupArn,
      format: JSON.stringify(API_ACCESS_LOG_FORMAT),
    };
    stage.defaultRouteSettings = {
      throttlingRateLimit: numberFromContext(this, 'apiThrottleRateLimit', 100),
      throttlingBurstLimit: numberFromContext(this, 'apiThrottleBurstLimit', 200),
    };

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Serverless platform alarms',
      enforceSSL: true,
    });
    Aspects.of(Stack.of(this)).add(new FunctionAlarms(this.alarmTopic));
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: 'serverless-platform' });

    this.undeliverableEvents = new FailureQueue(this, 'UndeliverableEvents', {
      alarmDescription:
        'The bus or SNS could not deliver events to a queue (check the queue policies, then redrive), or the outbox relay refused an item (see its reason).',
      alarmTopic: this.alarmTopic,
    }).queue;
    new CfnOutput(this, 'UndeliverableEventsOutput', {
      key: OUTPUTS.undeliverableEventsDlqUrl,
      value: this.undeliverableEvents.queueUrl,
    });

    this.alarmInbox = this.subscribeToAlarms();

    this.outbox = new OutboxRelay(this, 'Outbox', {
      bus: this.bus,
      alarmTopic: this.alarmTopic,
      undeliverable: this.undeliverableEvents,
    });

    // A route that does nothing behind the same authorizer and middleware: the baseline the benchmarks divide by.
    const whoAmI = new ServiceFunction(this, 'WhoAmIFunction', { service: 'platform', handler: 'who-am-i' });
    this.addRoute(platformRoutes.whoAmI, whoAmI);

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

  /**
   * Who hears the alarms: an e-mail address given at deploy time (`--parameters AlarmEmail=ops@example.com` on
   * AWS; the address confirms the subscription once), and on every target a queue that `npm run alarms` reads.
   */
  private subscribeToAlarms(): sqs.Queue {
    const email = new CfnParameter(this, 'AlarmEmail', {
      type: 'String',
      default: '',
      description:
        'The address that alarm notifications are e-mailed to (empty: none, read them with npm run alarms).',
    });
    const hasEmail = new CfnCondition(this, 'HasAlarmEmail', {
      expression: Fn.conditionNot(Fn.conditionEquals(email.valueAsString, '')),
    });
    const byEmail = new sns.CfnSubscription(this, 'AlarmEmailSubscription', {
      topicArn: this.alarmTopic.topicArn,
      protocol: 'email',
      endpoint: email.valueAsString,
    });
    byEmail.cfnOptions.condition = hasEmail;

    const inbox = new sqs.Queue(this, 'AlarmInbox', { retentionPeriod: Duration.days(14), enforceSSL: true });
    Validations.of(inbox).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'The alarm inbox is read by a person (npm run alarms), not by a consumer that can fail a message; what SNS cannot deliver to it goes to the undeliverable-events queue.',
    });
    this.alarmTopic.addSubscription(
      new subscriptions.SqsSubscription(inbox, { deadLetterQueue: this.undeliverableEvents }),
    );
    new CfnOutput(this, 'AlarmTopicOutput', { key: OUTPUTS.alarmTopicArn, value: this.alarmTopic.topicArn });
    new CfnOutput(this, 'AlarmInboxOutput', { key: OUTPUTS.alarmInboxQueueUrl, value: inbox.queueUrl });
    return inbox;
  }

  /**
   * A route of the HTTP API, as its contract declares it (api/routes: method, path, and whether it needs the JWT;
   * the same declaration docs/openapi.json is generated from). In the platform's own stack it is the API's; for a
   * function of another stack of the app (a system stack: CloudFormation takes 500 resources a stack) the route
   * and its integration are created in that stack, so the dependency runs one way: the system stack on the
   * platform's. `integration`: one the route shares with another route of the same function.
   */
  addRoute(route: RouteContract, handler: lambda.IFunction, integration?: HttpLambdaIntegration): void {
    const { method, path } = route;
    const authorizer = route.auth === 'public' ? new apigwv2.HttpNoneAuthorizer() : this.authorizer;
    reserveLocalConcurrency(handler);
    integration ??= new HttpLambdaIntegration(`${method}${path.replace(/[^A-Za-z0-9]/g, '')}`, handler);
    if (Stack.of(handler) === Stack.of(this)) {
      this.httpApi.addRoutes({ path, methods: [apigwv2.HttpMethod[method]], integration, authorizer });
      return;
    }
    const httpRoute = new apigwv2.HttpRoute(handler, `${method}${path.replace(/[^A-Za-z0-9]/g, '')}Route`, {
      httpApi: this.httpApi,
      routeKey: apigwv2.HttpRouteKey.with(path, apigwv2.HttpMethod[method]),
      integration,
      authorizer,
    });
    if (route.auth === 'public') {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${method} ${path} is public by design (it is what a caller does before it has a token); every data route needs the JWT.`,
      });
    }
  }

  /** Where the bus or SNS puts what it cannot deliver to a queue of `scope`'s stack: the platform's, or the system stack's own. */
  undeliverableFor(scope: Construct): sqs.IQueue {
    const stack = Stack.of(scope);
    if (stack === Stack.of(this)) return this.undeliverableEvents;
    const existing = stack.node.tryFindChild('UndeliverableEvents') as FailureQueue | undefined;
    return (
      existing ??
      new FailureQueue(stack, 'UndeliverableEvents', {
        alarmDescription:
          'The bus could not deliver events to a queue of this stack: check the queue policies, then redrive.',
        alarmTopic: this.alarmTopic,
      })
    ).queue;
  }

  /** The dashboard of `scope`'s stack: the platform's, or the system stack's own. */
  private dashboardFor(scope: Construct): cloudwatch.Dashboard {
    const stack = Stack.of(scope);
    if (stack === Stack.of(this)) return this.dashboard;
    return (
      (stack.node.tryFindChild('Dashboard') as cloudwatch.Dashboard | undefined) ??
      new cloudwatch.Dashboard(stack, 'Dashboard', {
        dashboardName: `serverless-platform-${stack.stackName}`,
      })
    );
  }

  /** Puts a consumer's queue on the dashboard: depth, age of the oldest message, and its DLQ. */
  watchQueue(title: string, queues: QueueWithDlq): void {
    this.dashboardFor(queues).addWidgets(
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
    if (functions.length === 0) return;
    this.dashboardFor(functions[0]!).addWidgets(
      new cloudwatch.GraphWidget({ title: `${title}: errors`, left: functions.map((f) => f.metricErrors()) }),
      new cloudwatch.GraphWidget({
        title: `${title}: duration p95`,
        left: functions.map((f) => f.metricDuration({ statistic: 'p95' })),
      }),
    );
  }
}
