import type { Logger } from '@aws-lambda-powertools/logger';
import {
  type ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { Pusher } from '../ports';

const isGone = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'GoneException' || e.$metadata?.httpStatusCode === 410;
};

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
      if (isGone(error)) return 'gone' as const;
      this.logger.warn('post to connection failed', { connectionId, error: error as Error });
      return 'failed' as const;
    }
  }

  async close(connectionId: string) {
    try {
      await this.client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      return 'closed' as const;
    } catch (error) {
      if (isGone(error)) return 'gone' as const;
      this.logger.warn('closing a connection failed', { connectionId, error: error as Error });
      return 'failed' as const;
    }
  }
}
