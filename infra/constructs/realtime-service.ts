import { type CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { broadcastEvents } from '../../functions/realtime/domain/topics';
import { OUTPUTS } from '../names';
import { EventSubscription } from './event-subscription';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';

export const WEBSOCKET_STAGE = 'live';

/**
 * Live updates: an API Gateway WebSocket API whose $connect needs `?token=<access token>` (a REQUEST
 * authorizer), a table of connections and subscriptions with a TTL, and a broadcaster that takes the topics'
 * events from its own queue (with a DLQ) and posts them through the management API.
 */
export class RealtimeService extends Construct {
  readonly table: ServiceTable;
  readonly webSocketApi: apigwv2.WebSocketApi;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox, sources: [] });

    const authorizerFn = new ServiceFunction(this, 'AuthorizeConnectionFunction', {
      service: 'realtime',
      handler: 'authorize-connection',
      environment: {
        USER_POOL_ID: platform.userPool.userPoolId,
        USER_POOL_CLIENT_ID: platform.userPoolClient.userPoolClientId,
      },
    });
    // The route functions are created before the API that integrates them, so they learn its address after.
    const fn = (name: string, handler: string, timeout?: Duration) =>
      new ServiceFunction(this, name, { service: 'realtime', handler, table: this.table, timeout });
    const connect = fn('ConnectFunction', 'connect');
    const disconnect = fn('DisconnectFunction', 'disconnect');
    const message = fn('MessageFunction', 'message');
    const broadcaster = fn('BroadcastFunction', 'broadcast', Duration.seconds(30));
    // API Gateway checks the token at the handshake only: the broadcaster closes an expired subscriber it meets,
    // and this sweep closes the idle ones (use-cases/connections.ts).
    const sweeper = fn('SweepConnectionsFunction', 'sweep-connections', Duration.seconds(60));
    new events.Rule(this, 'SweepConnectionsSchedule', {
      description: 'Closes the WebSocket connections whose access token has expired.',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      // The next run comes within a minute.
      targets: [new targets.LambdaFunction(sweeper, { retryAttempts: 0 })],
    });

    this.webSocketApi = new apigwv2.WebSocketApi(this, 'WebSocketApi', {
      description: 'Live updates: subscribe to `events` or `order:<orderId>`.',
      connectRouteOptions: {
        integration: new WebSocketLambdaIntegration('Connect', connect),
        authorizer: new WebSocketLambdaAuthorizer('AccessToken', authorizerFn, {
          identitySource: ['route.request.querystring.token'],
        }),
      },
      disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('Disconnect', disconnect) },
      defaultRouteOptions: { integration: new WebSocketLambdaIntegration('Message', message) },
    });
    // Auto-deploy: no AWS::ApiGatewayV2::Deployment, which MiniStack's CloudFormation does not support.
    const stage = new apigwv2.WebSocketStage(this, 'Stage', {
      webSocketApi: this.webSocketApi,
      stageName: WEBSOCKET_STAGE,
      autoDeploy: true,
    });
    // One JSON access-log line per connection event and message, as the HTTP API's stage writes.
    const accessLogs = new logs.LogGroup(this, 'WebSocketAccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    (stage.node.defaultChild as apigwv2.CfnStage).accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        connectionId: '$context.connectionId',
        eventType: '$context.eventType',
        routeKey: '$context.routeKey',
        status: '$context.status',
        time: '$context.requestTime',
      }),
    };
    // cdk-nag names the @connections/* grant by its ARN as the template renders it (pseudo parameters or values).
    const stack = Stack.of(this);
    const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const apiId = stack.getLogicalId(this.webSocketApi.node.defaultChild as CfnElement);
    const connectionsArn = `arn:<AWS::Partition>:execute-api:${shown(stack.region, 'Region')}:${shown(stack.account, 'AccountId')}:<${apiId}>/*/*/@connections/*`;
    for (const f of [connect, disconnect, message, broadcaster, sweeper]) {
      f.addEnvironment('WS_CALLBACK_URL', stage.callbackUrl);
      f.addEnvironment('WS_API_ID', this.webSocketApi.apiId);
      f.addEnvironment('WS_STAGE', WEBSOCKET_STAGE);
      this.webSocketApi.grantManageConnections(f);
      Validations.of(f).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${connectionsArn}]`,
        reason:
          'PostToConnection and DeleteConnection on @connections/*: connection ids exist only at run time, and the grant is limited to this API.',
      });
    }
    Validations.of(this.webSocketApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'A WebSocket API authorizes on $connect only (AWS allows no authorizer on other routes): $disconnect and $default run on a connection whose access token was verified at the handshake.',
    });

    const subscription = new EventSubscription(this, 'BroadcastSubscription', {
      bus: platform.bus,
      events: broadcastEvents,
      consumers: [broadcaster],
      alarmTopic: platform.alarmTopic,
      undeliverable: platform.undeliverableEvents,
    });

    platform.watchQueue('Broadcast', subscription.queues);
    platform.watchFunctions('Realtime', [authorizerFn, connect, message, broadcaster, sweeper]);
    subscription.queues.outputUrls({ queue: OUTPUTS.broadcastQueueUrl, dlq: OUTPUTS.broadcastDlqUrl });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.realtimeTable, value: this.table.tableName });
    new CfnOutput(this, 'WebSocketUrlOutput', { key: OUTPUTS.webSocketUrl, value: stage.url });
    new CfnOutput(this, 'WebSocketApiIdOutput', {
      key: OUTPUTS.webSocketApiId,
      value: this.webSocketApi.apiId,
    });
    new CfnOutput(this, 'WebSocketStageOutput', { key: OUTPUTS.webSocketStage, value: WEBSOCKET_STAGE });
  }
}
