import { httpRoute } from '../../../shared/http/http-handler';
import { GROUPS } from '../../../shared/identity';
import { createQuest } from '../use-cases/save-quest';
import { clock, logger, metrics, store } from '../wiring';
import { newQuestBody, questAnswer } from './quest-bodies';

/** POST /admin/quests: an admin adds a quest (201); 409 if the id is taken; 403 for players. */
export const handler = httpRoute(
  { logger, metrics, clock, body: newQuestBody, group: GROUPS.admins },
  async ({ body, correlationId }) => {
    const result = await createQuest({ store: store(), now: clock.now }, { quest: body, correlationId });
    return questAnswer(result, 201);
  },
);
