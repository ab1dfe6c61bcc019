import { httpRoute } from '../../../shared/http/http-handler';
import { renameMyPet } from '../use-cases/rename-my-pet';
import { clock, logger, metrics, pets } from '../wiring';
import { renamePetBody } from './input';
import { petView } from './pet-view';

/** PATCH /pets/me {name}: renames the caller's own pet (there is no way to name another's). */
export const handler = httpRoute(
  { logger, metrics, clock, body: renamePetBody },
  async ({ caller, body, correlationId }) => {
    const renamed = await renameMyPet(
      { pets: pets(), now: clock.now },
      { userId: caller.userId, name: body.name, correlationId },
    );
    return { statusCode: 200, body: petView(renamed) };
  },
);
