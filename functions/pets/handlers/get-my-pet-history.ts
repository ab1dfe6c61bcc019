import { httpRoute } from '../../../shared/http/http-handler';
import { ensurePet } from '../adoption';
import { explainHistory } from '../domain/pet';
import { clock, logger, metrics, pets, publisher } from '../wiring';

/** GET /pets/me/history: every event applied to the caller's pet and what it changed, newest first. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, correlationId }) => {
  const pet = await ensurePet({ pets, publisher }, caller.userId, clock.now(), correlationId);
  const events = await pets.events(caller.userId);
  return { statusCode: 200, body: { name: pet.name, history: explainHistory(events) } };
});
