import { z } from 'zod';
import { normalisePetName, PET_NAME_MAX_LENGTH, PET_NAME_PATTERN } from '../domain/pet-name';

/** PATCH /pets/me {name}: the name as stored (trimmed, NFC), then checked. */
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
