import type { StackOutputs, Target } from './target';
import { currentTarget } from './target';

/**
 * The WebSocket API's address. Emulators serve it at <endpoint>/_aws/execute-api/<apiId>/<stage> (no DNS for
 * <apiId>.execute-api.localhost needed); AWS at the stage's own wss:// URL (the `WebSocketUrl` output).
 */
export function webSocketBaseUrl(outputs: StackOutputs, target: Target = currentTarget()): string {
  if (process.env.WS_URL) return process.env.WS_URL.replace(/\/$/, '');
  if (!target.endpoint) return outputs.WebSocketUrl.replace(/\/$/, '');
  return `${target.endpoint.replace(/^http/, 'ws')}/_aws/execute-api/${outputs.WebSocketApiId}/${outputs.WebSocketStage}`;
}
