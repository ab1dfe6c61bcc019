import * as z from 'zod';
import type { Completion } from '../../functions/interactions/domain/completion';
import type { MissedDayRunReport } from '../../functions/interactions/domain/missed-day-run';
import type { InteractionTemplate } from '../../functions/interactions/domain/templates';
import {
  completeInteractionBody,
  missedDayRunBody,
  missedDayRunPath,
} from '../../functions/interactions/handlers/input';
import type { listToday } from '../../functions/interactions/use-cases/list-today';
import { GROUPS } from '../../shared/identity';
import { defineRoute, sameType } from '../contract';
import { dayKey, isoTime, locationHeader, userId } from '../schemas';

const template = z
  .object({ id: z.string(), title: z.string(), hpReward: z.number(), xpReward: z.number() })
  .meta({ id: 'InteractionTemplate' });
sameType<z.output<typeof template>, InteractionTemplate>(true);

const completion = z
  .object({
    userId,
    templateId: z.string(),
    dayKey,
    completedAt: isoTime,
    hpDelta: z.number(),
    xpReward: z.number(),
    eventId: z
      .string()
      .describe('The id of its `interaction.completed`: one per user, template and UTC day.'),
  })
  .meta({ id: 'Completion' });
sameType<z.output<typeof completion>, Completion>(true);

const today = z.object({ dayKey, completions: z.array(completion) });
sameType<z.output<typeof today>, Awaited<ReturnType<typeof listToday>>>(true);

const runReport = z.object({
  runId: z.string(),
  dayKey,
  status: z.enum(['planning', 'running', 'finished']),
  trigger: z.enum(['admin', 'schedule']),
  startedAt: isoTime,
  finishedAt: isoTime.optional().describe('Once finished: when the last page was judged.'),
  pagesTotal: z.number().int().optional().describe('Once planned.'),
  pagesDone: z.number().int(),
  playersChecked: z.number().int(),
  activePlayers: z.number().int(),
  missedPublished: z.number().int(),
  durationMs: z.number(),
});
sameType<z.output<typeof runReport>, MissedDayRunReport>(true);
const run = runReport
  .extend({ day: dayKey.describe('The judged day (the same as `dayKey`).') })
  .meta({ id: 'MissedDayRun' });

export const listTemplates = defineRoute({
  method: 'GET',
  path: '/interactions/templates',
  operationId: 'listInteractionTemplates',
  summary: 'The daily interactions and what each gives the pet',
  tag: 'pet game',
  auth: 'jwt',
  responses: { 200: { description: 'The templates.', body: z.object({ templates: z.array(template) }) } },
});

export const completeInteraction = defineRoute({
  method: 'POST',
  path: '/interactions/complete',
  operationId: 'completeInteraction',
  summary: 'Complete an interaction today (UTC)',
  description: 'Once per template and UTC day; publishes `interaction.completed`, which the pet takes in.',
  tag: 'pet game',
  auth: 'jwt',
  request: { body: completeInteractionBody, example: { templateId: 'drink_water' } },
  responses: { 201: { description: 'Recorded.', body: completion } },
  errors: ['UNKNOWN_TEMPLATE', 'ALREADY_COMPLETED'],
});

export const listTodaysCompletions = defineRoute({
  method: 'GET',
  path: '/interactions/today',
  operationId: 'listTodaysCompletions',
  summary: 'The caller’s completions today (UTC)',
  tag: 'pet game',
  auth: 'jwt',
  responses: { 200: { description: 'Today’s completions.', body: today } },
});

export const startMissedDayRun = defineRoute({
  method: 'POST',
  path: '/admin/missed-day-runs',
  operationId: 'startMissedDayRun',
  summary: 'Judge a day that has ended',
  description:
    'Starts the day’s missed-day run in the background (or resumes its unfinished one): every player with a pet who completed nothing that day gets one `interaction.missed`.',
  tag: 'pet game',
  auth: 'jwt',
  groups: [GROUPS.admins],
  request: { body: missedDayRunBody, example: { day: '2026-01-01' } },
  responses: {
    202: {
      description: 'Started or resumed.',
      body: run.extend({ resumed: z.boolean().describe('The day’s unfinished run was resumed.') }),
      headers: locationHeader,
    },
  },
  rules: [{ code: 'DAY_NOT_OVER', field: 'day', rule: 'has not ended yet (UTC)' }],
});

export const getMissedDayRun = defineRoute({
  method: 'GET',
  path: '/admin/missed-day-runs/{runId}',
  operationId: 'getMissedDayRun',
  summary: 'A missed-day run’s progress and totals',
  tag: 'pet game',
  auth: 'jwt',
  groups: [GROUPS.admins],
  request: { path: missedDayRunPath },
  responses: { 200: { description: 'The run.', body: run } },
  errors: ['INVALID_RUN_ID', 'UNKNOWN_RUN'],
});
