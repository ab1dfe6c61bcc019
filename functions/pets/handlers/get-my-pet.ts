import { httpRoute } from '../../../shared/http/http-handler';
import { ensurePet } from '../adoption';
import { petView } from '../pet-view';
import { clock, logger, metrics, pets, publisher } from '../wiring';

/** GET /pets/me: the caller's pet, adopted as Mochi on first use. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, correlationId }) => {
  const pet = await ensurePet({ pets, publisher }, caller.userId, clock.now(), correlationId);
  return { statusCode: 200, body: petView(pet) };
});
