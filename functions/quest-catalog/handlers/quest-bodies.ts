import * as z from 'zod';
import { questIdSchema, questSchema } from '../../../events/quests';
import { atLeastOneField } from '../../../shared/http/body-fields';
import { ConflictError, NotFoundError } from '../../../shared/http/errors';
import type { SaveQuestResult } from '../use-cases/save-quest';

/** POST /admin/quests: the quest's fields; the version and time are the catalog's. */
export const newQuestBody = questSchema
  .omit({ version: true, updatedAt: true })
  .extend({
    description: questSchema.shape.description.default(''),
    trigger: questSchema.shape.trigger.default('user.signed_in'),
    duplication: questSchema.shape.duplication.default(1),
    autoClaim: questSchema.shape.autoClaim.default(false),
    active: questSchema.shape.active.default(true),
  })
  .strict();

/** PATCH /admin/quests/{questId}: any of the fields but the id, at least one. */
export const questChangesBody = atLeastOneField(
  questSchema.omit({ questId: true, version: true, updatedAt: true }).partial().strict(),
);

export const questIdParameter = z.object({ questId: questIdSchema });

/** The catalog's answers as HTTP: the saved quest, or the error that says why not. */
export function questAnswer(result: SaveQuestResult, createdStatus = 200) {
  switch (result.outcome) {
    case 'exists':
      throw new ConflictError('QUEST_EXISTS', `There is already a quest '${result.questId}'.`);
    case 'unknown':
      throw new NotFoundError('UNKNOWN_QUEST', `There is no quest '${result.questId}'.`);
    case 'unchanged':
      return { statusCode: 200, body: result.quest };
    case 'saved':
      return { statusCode: createdStatus, body: result.quest };
  }
}
