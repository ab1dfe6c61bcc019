import { z } from 'zod';
import { httpRoute } from '../../../shared/http/http-handler';
import { normalisePetName, PET_NAME_MAX_LENGTH, PET_NAME_PATTERN } from '../domain/pet-name';
import { renameMyPet } from '../use-cases/rename-my-pet';
import { clock, logger, metrics, pets } from '../wiring';
import { petView } from './pet-view';

export const renamePetBody = z
  .object({
    name: z
      .string()
      .overwrite(normalisePetName)
      .min(1, 'must not be empty')
      .max(PET_NAME_MAX_LENGTH, `must be at most ${PET_NAME_MAX_LENGTH} characters`)
      .regex(
        PET_NAME_PATTERN,
        'may contain letters (with their accents and vowel signs), digits, spaces, apostrophes, dashes and underscores',
      ),
  })
  .strict();

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
