import { httpRoute } from '../../../shared/http/http-handler';
import { parseInput } from '../../../shared/http/parse-body';
import { GROUPS } from '../../../shared/identity';
import { changeQuest } from '../use-cases/save-quest';
import { clock, logger, metrics, store } from '../wiring';
import { questAnswer, questChangesBody, questIdParameter } from './quest-bodies';

/** PATCH /admin/quests/{questId}: an admin changes a quest (200); 404 unknown; 403 for players. */
export const handler = httpRoute(
  { logger, metrics, clock, body: questChangesBody, group: GROUPS.admins },
  async ({ body, pathParameters, correlationId }) => {
    const { questId } = parseInput(pathParameters, questIdParameter);
    const result = await changeQuest(
      { store: store(), now: clock.now },
      { questId, changes: body, correlationId },
    );
    return questAnswer(result);
  },
);
