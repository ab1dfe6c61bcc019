import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../target';

/** The handler the dev loop's test and benchmark edit: GET /whoami's, whose answer then shows the edit. */
export const WHO_AM_I = 'functions/platform/handlers/who-am-i.ts';
export const whoAmIFile = path.join(REPO_ROOT, WHO_AM_I);
/** The handler as the tree has it, read once: what `restore` writes back. */
export const whoAmIOriginal = fs.readFileSync(whoAmIFile, 'utf8');

/** GET /whoami's handler, edited so its answer shows the edit: the username with `marker` after it. */
export function editedWhoAmI(marker: string): string {
  const next = whoAmIOriginal.replace(
    'body: caller,',
    `body: { ...caller, username: \`\${caller.username}${marker}\` },`,
  );
  if (next === whoAmIOriginal) {
    throw new Error(
      `${WHO_AM_I} no longer reads 'body: caller,': update scripts/lib/dev/who-am-i-edit.ts (the dev loop's test and benchmark)`,
    );
  }
  return next;
}

/** Puts the handler back as the tree had it. */
export const restoreWhoAmI = () => fs.writeFileSync(whoAmIFile, whoAmIOriginal);
