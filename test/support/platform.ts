import { randomUUID, sign } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { EventDefinition, EventInput } from '../../events/define-event';
import { apiClient } from '../../scripts/lib/api-client';
import { clientConfig, currentTarget, loadOutputs } from '../../scripts/lib/target';
import { ensureUser, signIn } from '../../scripts/lib/users';
import { GROUPS, type GroupName } from '../../shared/identity';
import { createEventPublisher } from '../../shared/messaging/event-publisher';

/** The deployed stack the tests run against: the emulator that scripts/test-all.sh started for them. */
export const target = currentTarget();
export const outputs = loadOutputs(target);

export interface Player {
  userId: string;
  username: string;
  accessToken: string;
  idToken: string;
  api: ReturnType<typeof apiClient>;
}

/** A new user of the identity provider, signed in for real; every test gets players of its own. */
export async function newPlayer(groups: GroupName[] = [GROUPS.players]): Promise<Player> {
  const username = `t-${randomUUID().slice(0, 12)}`;
  const password = `Test-${randomUUID().slice(0, 8)}-Pw1!`;
  await ensureUser({ username, password, groups }, outputs);
  const tokens = await signIn(username, password, outputs);
  const api = apiClient(tokens.accessToken);
  const me = await api.get<{ userId: string }>('/whoami');
  if (me.status !== 200) throw new Error(`whoami answered ${me.status} for a fresh user`);
  return { userId: me.body.userId, username, ...tokens, api };
}

/** Tests act as another service would: put contract-checked events on the bus. */
export const testPublisher = createEventPublisher(
  outputs.EventBusName,
  new EventBridgeClient(clientConfig()),
);

export async function publish<D extends EventDefinition>(
  definition: D,
  details: EventInput<D> | EventInput<D>[],
) {
  await testPublisher.publish(definition, details);
}

/** A rogue producer: puts an event on the bus without checking it against its contract. */
export async function putUncheckedEvent(source: string, detailType: string, detail: unknown): Promise<void> {
  const bus = new EventBridgeClient(clientConfig());
  const result = await bus.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: outputs.EventBusName,
          Source: source,
          DetailType: detailType,
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
  if (result.FailedEntryCount) throw new Error(`PutEvents failed: ${JSON.stringify(result.Entries)}`);
}

export const sqs = new SQSClient(clientConfig());

/**
 * MiniStack keeps the key it signs a pool's access tokens with in its state folder
 * (state/cognito-pool-keys/<poolId>-access.pem); other targets do not expose one.
 */
export function emulatorAccessTokenKeyPem(): string | undefined {
  const home = process.env.EMULATOR_HOME;
  if (!home || target.kind !== 'ministack') return undefined;
  const file = path.join(home, 'state', 'cognito-pool-keys', `${outputs.UserPoolId}-access.pem`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/**
 * The access token with some claims changed, signed again with the pool's own key (RS256), as the pool would have
 * issued it; undefined where the key cannot be read (every target but MiniStack).
 */
export function resignedAccessToken(token: string, claims: Record<string, unknown> = {}): string | undefined {
  const pem = emulatorAccessTokenKeyPem();
  if (!pem) return undefined;
  const [header, payload] = token.split('.');
  const changed = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), ...claims };
  const signingInput = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), pem).toString('base64url')}`;
}

export { eventually } from '../../scripts/lib/eventually';
export { queueDepth } from '../../scripts/lib/queues';
export { queuesSettled } from '../../scripts/lib/queues-settled';
