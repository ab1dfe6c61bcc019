import * as z from 'zod';
import { CURRENCIES, QUEST_KINDS, type Quest, questSchema } from '../../events/quests';
import {
  newQuestBody,
  questChangesBody,
  questIdParameter,
} from '../../functions/quest-catalog/handlers/quest-bodies';
import { listMyEventsQuery } from '../../functions/quest-progress/handlers/input';
import type { listMyEvents } from '../../functions/quest-progress/use-cases/list-my-events';
import type { MyQuest } from '../../functions/quest-progress/use-cases/list-my-quests';
import type { LedgerEntry, Wallet } from '../../functions/rewards/domain/rewards';
import { claimRewardPath } from '../../functions/rewards/handlers/input';
import { GROUPS } from '../../shared/identity';
import { defineRoute, sameType } from '../contract';
import { dayKey, isoTime } from '../schemas';

const quest = questSchema.extend({ updatedAt: isoTime }).meta({ id: 'Quest' });
sameType<z.output<typeof quest>, Quest>(true);

const myQuest = z
  .object({
    questId: z.string(),
    name: z.string(),
    description: z.string(),
    kind: z.enum(QUEST_KINDS),
    target: z.number().int(),
    duplication: z.number().int(),
    reward: questSchema.shape.reward,
    autoClaim: z.boolean(),
    progress: z.number().int(),
    completions: z.number().int(),
    credited: z.number().int(),
    status: z.enum(['in_progress', 'claimable', 'claimed', 'exhausted']),
  })
  .meta({ id: 'MyQuest' });
sameType<z.output<typeof myQuest>, MyQuest>(true);

const entryBase = {
  seq: z.number().int().min(1),
  at: isoTime,
  recordedAt: isoTime,
  dayKey,
  questId: z.string(),
};
const streamEntry = z
  .discriminatedUnion('type', [
    z.object({ ...entryBase, type: z.enum(['signed_up', 'signed_in']), sourceEventId: z.string() }),
    z.object({ ...entryBase, type: z.literal('quest_completed'), completion: z.number().int().min(1) }),
  ])
  .meta({ id: 'QuestStreamEntry' });
sameType<z.output<typeof streamEntry>, Awaited<ReturnType<typeof listMyEvents>>[number]>(true);

const ledgerEntry = z
  .object({
    questId: z.string(),
    completion: z.number().int().min(1),
    currency: z.enum(CURRENCIES),
    amount: z.number().int(),
    creditedAt: isoTime,
    how: z.enum(['auto', 'claim']),
  })
  .meta({ id: 'LedgerEntry' });
sameType<z.output<typeof ledgerEntry>, LedgerEntry>(true);
const wallet = z.object({
  gold: z.number().int(),
  diamond: z.number().int(),
  ledger: z.array(ledgerEntry).describe('Every credit, oldest first; the balances are its sums.'),
});
sameType<z.output<typeof wallet>, Wallet>(true);

export const listQuests = defineRoute({
  method: 'GET',
  path: '/quests',
  operationId: 'listQuests',
  summary: 'The active quests',
  tag: 'quests',
  auth: 'jwt',
  responses: { 200: { description: 'The quests.', body: z.object({ quests: z.array(quest) }) } },
});

export const createQuest = defineRoute({
  method: 'POST',
  path: '/admin/quests',
  operationId: 'createQuest',
  summary: 'Add a quest',
  description: 'Publishes `quest.updated`.',
  tag: 'quests',
  auth: 'jwt',
  groups: [GROUPS.admins],
  request: {
    body: newQuestBody,
    example: {
      questId: 'sign-in-5-times',
      name: 'Sign in 5 times',
      kind: 'count',
      target: 5,
      reward: { currency: 'gold', amount: 50 },
    },
  },
  responses: { 201: { description: 'Created, version 1.', body: quest } },
  errors: ['QUEST_EXISTS'],
});

export const changeQuest = defineRoute({
  method: 'PATCH',
  path: '/admin/quests/{questId}',
  operationId: 'changeQuest',
  summary: 'Change a quest',
  description: 'Publishes `quest.updated` unless nothing changed.',
  tag: 'quests',
  auth: 'jwt',
  groups: [GROUPS.admins],
  request: { path: questIdParameter, body: questChangesBody, example: { target: 6 } },
  responses: { 200: { description: 'The quest as it is now.', body: quest } },
  errors: ['VALIDATION_FAILED', 'UNKNOWN_QUEST'],
});

export const deactivateQuest = defineRoute({
  method: 'DELETE',
  path: '/admin/quests/{questId}',
  operationId: 'deactivateQuest',
  summary: 'Deactivate a quest',
  description: 'Kept, but no longer listed or progressed.',
  tag: 'quests',
  auth: 'jwt',
  groups: [GROUPS.admins],
  request: { path: questIdParameter },
  responses: { 200: { description: 'The quest, inactive.', body: quest } },
  errors: ['VALIDATION_FAILED', 'UNKNOWN_QUEST'],
  softDelete: true,
});

export const listMyQuests = defineRoute({
  method: 'GET',
  path: '/quests/me',
  operationId: 'listMyQuests',
  summary: 'Every active quest with the caller’s progress',
  tag: 'quests',
  auth: 'jwt',
  responses: { 200: { description: 'The quests.', body: z.object({ quests: z.array(myQuest) }) } },
});

export const listMyQuestEvents = defineRoute({
  method: 'GET',
  path: '/quests/me/events',
  operationId: 'listMyQuestEvents',
  summary: 'The caller’s quest streams, oldest first',
  tag: 'quests',
  auth: 'jwt',
  request: { query: listMyEventsQuery },
  responses: { 200: { description: 'The entries.', body: z.object({ events: z.array(streamEntry) }) } },
});

export const claimReward = defineRoute({
  method: 'POST',
  path: '/quests/{questId}/claim',
  operationId: 'claimReward',
  summary: 'Credit one claimable completion of a quest to the caller’s wallet',
  tag: 'quests',
  auth: 'jwt',
  request: { path: claimRewardPath },
  responses: { 201: { description: 'Credited.', body: ledgerEntry } },
  errors: ['VALIDATION_FAILED', 'UNKNOWN_QUEST', 'NOTHING_TO_CLAIM'],
});

export const getWallet = defineRoute({
  method: 'GET',
  path: '/wallet',
  operationId: 'getWallet',
  summary: 'The caller’s balances and the ledger that makes them',
  tag: 'quests',
  auth: 'jwt',
  responses: { 200: { description: 'The wallet.', body: wallet } },
});
