import * as z from 'zod';
import { questIdSchema } from '../../../events/quests';

/** POST /quests/{questId}/claim. */
export const claimRewardPath = z.object({ questId: questIdSchema });
