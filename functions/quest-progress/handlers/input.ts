import * as z from 'zod';
import { questIdSchema } from '../../../events/quests';

/** GET /quests/me/events[?questId=]: one quest's stream, or all of them. */
export const listMyEventsQuery = z.object({ questId: questIdSchema.optional() }).strict();
