import type { Logger } from '@aws-lambda-powertools/logger';
import {
  type ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { Pusher } from '../ports';

/** Posts through the WebSocket API's management API; 410 (GoneException) means the client is gone. */
export class ManagementApiPusher implements Pusher {
  constructor(
    private readonly client: ApiGatewayManagementApiClient,
    private readonly logger: Logger,
  ) {}

  async post(connectionId: string, message: Record<string, unknown>, timeoutMs: number) {
    try {
      await this.client.send(
        new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(message) }),
        { abortSignal: AbortSignal.timeout(timeoutMs) },
      );
      return 'sent' as const;
    } catch (error) {
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'GoneException' || e.$metadata?.httpStatusCode === 410) return 'gone' as const;
      this.logger.warn('post to connection failed', { connectionId, error: error as Error });
      return 'failed' as const;
    }
  }
}
