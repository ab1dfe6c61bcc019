import * as z from 'zod';
import { defineEvent } from './define-event';

export const DAY_KEY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const dayKey = z.string().regex(DAY_KEY_PATTERN, 'expected a UTC day key YYYY-MM-DD');
const userId = z.string().min(1).max(128);

export const INTERACTIONS_SOURCE = 'petgame.interactions';
export const PETS_SOURCE = 'petgame.pets';

export const interactionCompleted = defineEvent({
  source: INTERACTIONS_SOURCE,
  detailType: 'interaction.completed',
  version: 1,
  description: 'A player completed one of the daily interaction templates.',
  payload: {
    userId,
    templateId: z.string().min(1).max(64),
    completedAt: z.iso.datetime(),
    dayKey,
    hpDelta: z.number().int().min(0).max(100),
    xpReward: z.number().int().min(0).max(1000),
  },
  example: {
    eventId: 'completion#3f0c1a52-8c3e-4f4b-9a53-1f0d5c1e7a10',
    correlationId: 'c0ffee00-0000-4000-8000-000000000001',
    userId: '6a1b2c3d-0000-4000-8000-0000000000a1',
    templateId: 'drink_water',
    completedAt: '2026-11-22T08:15:00.000Z',
    dayKey: '2026-11-22',
    hpDelta: 5,
    xpReward: 10,
  },
});

export const interactionMissed = defineEvent({
  source: INTERACTIONS_SOURCE,
  detailType: 'interaction.missed',
  version: 1,
  description:
    'A player who had a pet completed nothing on a UTC day. The id is missed#<user>#<day>, so a day is penalised once.',
  payload: {
    userId,
    dayKey,
    detectedAt: z.iso.datetime(),
  },
  example: {
    eventId: 'missed#6a1b2c3d-0000-4000-8000-0000000000a1#2026-11-22',
    correlationId: 'missed-day-job#2026-11-22',
    userId: '6a1b2c3d-0000-4000-8000-0000000000a1',
    dayKey: '2026-11-22',
    detectedAt: '2026-11-23T00:05:00.000Z',
  },
});

export const petAdopted = defineEvent({
  source: PETS_SOURCE,
  detailType: 'pet.adopted',
  version: 1,
  description:
    'A player got their pet (on first use). The interactions service keeps its roster of players from it.',
  payload: {
    userId,
    petName: z.string().min(1).max(40),
    adoptedAt: z.iso.datetime(),
    dayKey,
  },
  example: {
    eventId: 'adopted#6a1b2c3d-0000-4000-8000-0000000000a1',
    correlationId: 'c0ffee00-0000-4000-8000-000000000002',
    userId: '6a1b2c3d-0000-4000-8000-0000000000a1',
    petName: 'Mochi',
    adoptedAt: '2026-11-21T19:00:00.000Z',
    dayKey: '2026-11-21',
  },
});

export type InteractionCompleted = z.infer<typeof interactionCompleted.schema>;
export type InteractionMissed = z.infer<typeof interactionMissed.schema>;
export type PetAdopted = z.infer<typeof petAdopted.schema>;
