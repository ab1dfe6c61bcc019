import { httpRoute } from '../../../shared/http/http-handler';
import { getMyPet } from '../use-cases/get-my-pet';
import { clock, logger, metrics, pets } from '../wiring';
import { petView } from './pet-view';

/** GET /pets/me: the caller's pet, adopted as Mochi on first use. */
export const handler = httpRoute({ logger, metrics, clock }, async ({ caller, correlationId }) => {
  const pet = await getMyPet({ pets: pets(), now: clock.now }, { userId: caller.userId, correlationId });
  return { statusCode: 200, body: petView(pet) };
});
