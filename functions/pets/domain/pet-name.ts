/** The longest pet name, in characters (UTF-16 code units) after normalisation. */
export const PET_NAME_MAX_LENGTH = 40;

/**
 * Letters with their combining marks (मोती, ข้าว, a decomposed Zoë), digits, spaces, apostrophes, underscores and
 * dashes; a name never starts with a mark, which would have no letter to sit on, nor starts or ends with a space.
 * The name is checked as sent, against this very pattern in the API's document: a name it refuses is never trimmed
 * into one it accepts.
 */
export const PET_NAME_PATTERN = /^(?![\p{M} ])[\p{L}\p{M}\p{N} '_-]*[\p{L}\p{M}\p{N}'_-]$/u;

/**
 * The name as it is stored and compared: in Unicode NFC, so the same name typed on two keyboards (Zoë as one code
 * point, or as e + a combining diaeresis) is one name.
 */
export function normalisePetName(raw: string): string {
  return raw.normalize('NFC');
}
