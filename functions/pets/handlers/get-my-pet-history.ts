import { httpRoute } from '../../../shared/http/http-handler';
import { getMyPetHistory } from '../use-cases/get-my-pet-history';
import { clock, logger, metrics, pets } from '../wiring';
import type { PetHistoryView } from './pet-view';

/** GET /pets/me/history: every event applied to the caller's pet and what it changed, newest first. */
export const handler = httpRoute({ logger, metrics, clock }, async ({ caller, correlationId }) => {
  const body: PetHistoryView = await getMyPetHistory(
    { pets: pets(), now: clock.now },
    { userId: caller.userId, correlationId },
  );
  return { statusCode: 200, body };
});
