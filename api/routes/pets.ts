import * as z from 'zod';
import { renamePetBody } from '../../functions/pets/handlers/input';
import type { PetHistoryView, PetView } from '../../functions/pets/handlers/pet-view';
import { defineRoute, sameType } from '../contract';
import { dayKey, isoTime } from '../schemas';

const pet = z
  .object({
    name: z.string(),
    hp: z.number().int().min(0).max(100),
    xp: z.number().int().min(0),
    level: z.number().int().min(1),
    mood: z.number().int().min(0).max(5),
    streak: z.number().int().min(0),
    lastActiveDay: dayKey.nullable().describe('The last UTC day with a completion.'),
    adoptedAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'Pet' });
sameType<z.output<typeof pet>, PetView>(true);

const stats = z.object({
  hp: z.number(),
  xp: z.number(),
  level: z.number(),
  mood: z.number(),
  streak: z.number(),
});
const history = z.object({
  name: z.string(),
  history: z.array(
    z.object({
      eventId: z.string(),
      type: z.enum(['interaction.completed', 'interaction.missed']),
      dayKey,
      occurredAt: isoTime,
      templateId: z.string().optional(),
      before: stats,
      after: stats,
      summary: z.string(),
    }),
  ),
});
sameType<z.output<typeof history>, PetHistoryView>(true);

export const getMyPet = defineRoute({
  method: 'GET',
  path: '/pets/me',
  operationId: 'getMyPet',
  summary: 'The caller’s pet',
  description: 'Adopted as Mochi on first use (its `pet.adopted` leaves through the outbox).',
  tag: 'pet game',
  auth: 'jwt',
  responses: { 200: { description: 'The pet.', body: pet } },
});

export const renameMyPet = defineRoute({
  method: 'PATCH',
  path: '/pets/me',
  operationId: 'renameMyPet',
  summary: 'Rename the caller’s pet',
  description:
    "1–40 letters with their marks, digits, spaces and `'_-`, after trimming and Unicode NFC normalisation.",
  tag: 'pet game',
  auth: 'jwt',
  request: { body: renamePetBody, example: { name: 'Zoë' } },
  responses: { 200: { description: 'The renamed pet.', body: pet } },
});

export const getMyPetHistory = defineRoute({
  method: 'GET',
  path: '/pets/me/history',
  operationId: 'getMyPetHistory',
  summary: 'Every event applied to the caller’s pet, newest first',
  tag: 'pet game',
  auth: 'jwt',
  responses: { 200: { description: 'The history, with before and after of each event.', body: history } },
});
