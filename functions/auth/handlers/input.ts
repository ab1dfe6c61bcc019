import { z } from 'zod';

/** POST /auth/sign-in {username, password}; at most 4 KiB, and never logged. */
export const signInBody = z
  .object({ username: z.string().min(1).max(128), password: z.string().min(1).max(256) })
  .strict();

export const SIGN_IN_MAX_BODY_BYTES = 4096;
