import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import { broadcastEvents } from '../../functions/realtime/domain/topics';
import { OUTPUTS } from '../names';
import { EventSubscription } from './event-subscription';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';

export const WEBSOCKET_STAGE = 'live';

/**
 * Live updates (issue 11): an API Gateway WebSocket API whose $connect needs `?token=<access token>` (a REQUEST
 * authorizer), a table of connections and subscriptions with a TTL, and a broadcaster that takes the topics'
 * events from its own queue (with a DLQ) and posts them through the management API.
 */
export class RealtimeService extends Construct {
  readonly table: ServiceTable;
  readonly webSocketApi: apigwv2.WebSocketApi;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox });

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
    for (const f of [connect, disconnect, message, broadcaster]) {
      f.addEnvironment('WS_CALLBACK_URL', stage.callbackUrl);
      f.addEnvironment('WS_API_ID', this.webSocketApi.apiId);
      f.addEnvironment('WS_STAGE', WEBSOCKET_STAGE);
      this.webSocketApi.grantManageConnections(f);
    }

    const subscription = new EventSubscription(this, 'BroadcastSubscription', {
      bus: platform.bus,
      events: broadcastEvents,
      consumers: [broadcaster],
      alarmTopic: platform.alarmTopic,
      undeliverable: platform.undeliverableEvents,
    });

    platform.watchQueue('Broadcast', subscription.queues);
    platform.watchFunctions('Realtime', [authorizerFn, connect, message, broadcaster]);
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
