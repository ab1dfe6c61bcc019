import { httpRoute } from '../../../shared/http/http-handler';
import { parseInput } from '../../../shared/http/parse-body';
import { GROUPS } from '../../../shared/identity';
import { changeQuest } from '../use-cases/save-quest';
import { clock, logger, metrics, store } from '../wiring';
import { questAnswer, questIdParameter } from './quest-bodies';

/** DELETE /admin/quests/{questId}: deactivates the quest (kept, no longer listed or progressed); 404 unknown. */
export const handler = httpRoute(
  { logger, metrics, clock, group: GROUPS.admins },
  async ({ pathParameters, correlationId }) => {
    const { questId } = parseInput(pathParameters, questIdParameter);
    const result = await changeQuest(
      { store: store(), now: clock.now },
      { questId, changes: { active: false }, correlationId },
    );
    return questAnswer(result);
  },
);
