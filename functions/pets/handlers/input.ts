import * as z from 'zod';
import { normalisePetName, PET_NAME_MAX_LENGTH, PET_NAME_PATTERN } from '../domain/pet-name';

/** PATCH /pets/me {name}: the name checked as sent (what the document states), then stored in NFC. */
export const renamePetBody = z
  .object({
    name: z
      .string()
      .min(1, 'must not be empty')
      .max(PET_NAME_MAX_LENGTH, `must be at most ${PET_NAME_MAX_LENGTH} characters`)
      .regex(
        PET_NAME_PATTERN,
        'may contain letters (with their accents and vowel signs), digits, spaces inside, apostrophes, dashes and underscores',
      )
      .overwrite(normalisePetName),
  })
  .strict();
