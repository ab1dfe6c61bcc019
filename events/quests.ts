import * as z from 'zod';
import { defineEvent } from './define-event';
import { DAY_KEY_PATTERN } from './pet-game';

/** Quests and rewards: sign-ins, the quest catalog, event-sourced progress and the wallet. */
export const AUTH_SOURCE = 'platform.auth';
export const QUEST_CATALOG_SOURCE = 'quests.catalog';
export const QUEST_PROGRESS_SOURCE = 'quests.progress';
export const REWARDS_SOURCE = 'quests.rewards';

const userId = z.string().min(1).max(128);
const dayKey = z.string().regex(DAY_KEY_PATTERN, 'expected a UTC day key YYYY-MM-DD');
export const questIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, 'expected 3-64 lower-case letters, digits and dashes');

/** What a quest listens to. Only sign-ins for now; a new trigger is one more value and one more fact mapper. */
export const QUEST_TRIGGERS = ['user.signed_in'] as const;
export const QUEST_KINDS = ['count', 'daily_streak'] as const;
export const CURRENCIES = ['gold', 'diamond'] as const;

export const rewardSchema = z.object({
  currency: z.enum(CURRENCIES),
  amount: z.number().int().min(1).max(1_000_000),
});

export const questSchema = z.object({
  questId: questIdSchema,
  name: z.string().min(1).max(80),
  description: z.string().max(500),
  trigger: z.enum(QUEST_TRIGGERS),
  kind: z.enum(QUEST_KINDS),
  /** count: N qualifying events in total; daily_streak: qualifying events on N consecutive UTC days. */
  target: z.number().int().min(1).max(1000),
  /** How many times one user may complete the quest. */
  duplication: z.number().int().min(1).max(1000),
  reward: rewardSchema,
  autoClaim: z.boolean(),
  active: z.boolean(),
  /** The quest's own version: 1 when created, +1 per change. */
  version: z.number().int().min(1),
  updatedAt: z.iso.datetime(),
});
export type Quest = z.infer<typeof questSchema>;
export type Reward = z.infer<typeof rewardSchema>;

const exampleQuest: Quest = {
  questId: 'sign-in-3-times',
  name: 'Sign in 3 times',
  description: 'Sign in three times, whenever you like.',
  trigger: 'user.signed_in',
  kind: 'count',
  target: 3,
  duplication: 2,
  reward: { currency: 'diamond', amount: 10 },
  autoClaim: false,
  active: true,
  version: 1,
  updatedAt: '2026-12-03T09:00:00.000Z',
};

export const userSignedUp = defineEvent({
  source: AUTH_SOURCE,
  detailType: 'user.signed_up',
  version: 1,
  description:
    'A user signed in for the first time through POST /auth/sign-in. The id is signed-up#<user>, so it exists once per user; the same sign-in also gives a user.signed_in with firstSignIn true.',
  payload: { userId, username: z.string().min(1).max(128), signedUpAt: z.iso.datetime() },
  example: {
    eventId: 'signed-up#6a1b2c3d-0000-4000-8000-0000000000a1',
    correlationId: 'c0ffee00-0000-4000-8000-000000000010',
    userId: '6a1b2c3d-0000-4000-8000-0000000000a1',
    username: 'alice',
    signedUpAt: '2026-12-03T09:00:00.000Z',
  },
});

export const userSignedIn = defineEvent({
  source: AUTH_SOURCE,
  detailType: 'user.signed_in',
  version: 1,
  description:
    'A successful sign-in through POST /auth/sign-in, exactly one per sign-in (a token refresh or a failed attempt is none). The id is signed-in#<user>#<signInId>.',
  payload: {
    userId,
    username: z.string().min(1).max(128),
    signInId: z.string().min(1).max(64),
    signedInAt: z.iso.datetime(),
    dayKey,
    /** The user's very first sign-in (the one that also gave user.signed_up). */
    firstSignIn: z.boolean(),
  },
  example: {
    eventId: 'signed-in#6a1b2c3d-0000-4000-8000-0000000000a1#0b6f3f0e-7d1c-4a55-9d43-2a8e9d6c1f00',
    correlationId: 'c0ffee00-0000-4000-8000-000000000010',
    userId: '6a1b2c3d-0000-4000-8000-0000000000a1',
    username: 'alice',
    signInId: '0b6f3f0e-7d1c-4a55-9d43-2a8e9d6c1f00',
    signedInAt: '2026-12-03T09:00:00.000Z',
    dayKey: '2026-12-03',
    firstSignIn: true,
  },
});

export const questUpdated = defineEvent({
  source: QUEST_CATALOG_SOURCE,
  detailType: 'quest.updated',
  version: 1,
  description:
    'An admin created, changed or deactivated a quest. catalogVersion grows by one per change of the catalog; subscribers keep the newest quest and use the version to invalidate their caches.',
  payload: {
    quest: questSchema,
    catalogVersion: z.number().int().min(1),
    change: z.enum(['created', 'changed', 'deactivated']),
  },
  example: {
    eventId: 'quest-updated#sign-in-3-times#1',
    correlationId: 'c0ffee00-0000-4000-8000-000000000011',
    quest: exampleQuest,
    catalogVersion: 1,
    change: 'created',
  },
});

export const questCompleted = defineEvent({
  source: QUEST_PROGRESS_SOURCE,
  detailType: 'quest.completed',
  version: 1,
  description:
    'A user completed a quest for the n-th time (1 <= completion <= duplication). The id is quest-completed#<user>#<quest>#<n>: the rewards service credits each id once.',
  payload: {
    userId,
    questId: questIdSchema,
    questName: z.string().min(1).max(80),
    completion: z.number().int().min(1),
    completedAt: z.iso.datetime(),
    reward: rewardSchema,
    autoClaim: z.boolean(),
  },
  example: {
    eventId: 'quest-completed#6a1b2c3d-0000-4000-8000-0000000000a1#sign-in-3-times#1',
    correlationId: 'c0ffee00-0000-4000-8000-000000000010',
    userId: '6a1b2c3d-0000-4000-8000-0000000000a1',
    questId: 'sign-in-3-times',
    questName: 'Sign in 3 times',
    completion: 1,
    completedAt: '2026-12-03T09:00:01.000Z',
    reward: { currency: 'diamond', amount: 10 },
    autoClaim: false,
  },
});

export const rewardCredited = defineEvent({
  source: REWARDS_SOURCE,
  detailType: 'reward.credited',
  version: 1,
  description:
    "A quest completion's reward reached the user's wallet (at once for autoClaim quests, else on claim). The id is credited#<user>#<quest>#<n>: one credit per completion.",
  payload: {
    userId,
    questId: questIdSchema,
    completion: z.number().int().min(1),
    currency: z.enum(CURRENCIES),
    amount: z.number().int().min(1),
    creditedAt: z.iso.datetime(),
    how: z.enum(['auto', 'claim']),
  },
  example: {
    eventId: 'credited#6a1b2c3d-0000-4000-8000-0000000000a1#sign-in-3-times#1',
    correlationId: 'c0ffee00-0000-4000-8000-000000000012',
    userId: '6a1b2c3d-0000-4000-8000-0000000000a1',
    questId: 'sign-in-3-times',
    completion: 1,
    currency: 'diamond',
    amount: 10,
    creditedAt: '2026-12-03T09:05:00.000Z',
    how: 'claim',
  },
});

export type UserSignedIn = z.infer<typeof userSignedIn.schema>;
export type QuestUpdated = z.infer<typeof questUpdated.schema>;
export type QuestCompleted = z.infer<typeof questCompleted.schema>;
export type RewardCredited = z.infer<typeof rewardCredited.schema>;
