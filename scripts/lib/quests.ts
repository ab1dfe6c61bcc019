import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Quest } from '../../events/quests';
import { DynamoProgressStore } from '../../functions/quest-progress/adapters/dynamodb-progress-store';
import type { StreamEntry } from '../../functions/quest-progress/domain/progress';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { apiClient } from './api-client';
import { eventually } from './eventually';
import { clientConfig, loadOutputs, type StackOutputs } from './target';
import { signInThroughApi } from './users';

export type Api = ReturnType<typeof apiClient>;
export type QuestSpec = Omit<
  Quest,
  'version' | 'updatedAt' | 'questId' | 'description' | 'trigger' | 'active'
> & {
  questId?: string;
  description?: string;
};

/** An admin adds a quest through POST /admin/quests; the id gets a random tail so runs never collide. */
export async function addQuest(admin: Api, spec: QuestSpec): Promise<Quest> {
  const questId = spec.questId ?? `q-${randomUUID().slice(0, 8)}`;
  const response = await admin.post<Quest>('/admin/quests', { ...spec, questId });
  if (response.status !== 201)
    throw new Error(`POST /admin/quests answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Signs in through the route and answers an API client with the new access token. */
export async function signedIn(username: string, password: string, outputs: StackOutputs = loadOutputs()) {
  const tokens = await signInThroughApi(username, password, outputs);
  return apiClient(tokens.accessToken);
}

export type ListedEntry = StreamEntry & { questId: string };

export async function questEvents(api: Api, questId: string): Promise<ListedEntry[]> {
  const response = await api.get<{ events: ListedEntry[] }>(`/quests/me/events?questId=${questId}`);
  if (response.status !== 200) throw new Error(`GET /quests/me/events answered ${response.status}`);
  return response.body.events;
}

/** Waits until the quest's stream has at least `length` entries (the progress consumer is asynchronous). */
export function streamOfLength(api: Api, questId: string, length: number, timeoutMs = 30_000) {
  return eventually(
    async () => {
      const events = await questEvents(api, questId);
      return events.length >= length ? events : undefined;
    },
    { timeoutMs, intervalMs: 150, what: `${length} entries in the ${questId} stream` },
  );
}

export interface MyQuest {
  questId: string;
  progress: number;
  completions: number;
  credited: number;
  status: string;
}

export async function myQuest(api: Api, questId: string): Promise<MyQuest | undefined> {
  const response = await api.get<{ quests: MyQuest[] }>('/quests/me');
  return response.body.quests.find((q) => q.questId === questId);
}

export interface WalletView {
  gold: number;
  diamond: number;
  ledger: { questId: string; completion: number; currency: 'gold' | 'diamond'; amount: number }[];
}

export async function wallet(api: Api): Promise<WalletView> {
  const response = await api.get<WalletView>('/wallet');
  if (response.status !== 200) throw new Error(`GET /wallet answered ${response.status}`);
  return response.body;
}

/** The progress table of the deployed stack, through the service's own adapter (the rebuild and its checks). */
export function progressStore(outputs: StackOutputs = loadOutputs()) {
  return new DynamoProgressStore(
    createDynamoDb(new DynamoDBClient(clientConfig())).doc,
    outputs.QuestProgressTableName,
  );
}
