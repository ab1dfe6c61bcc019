import * as fs from 'node:fs';
import { generatedFiles } from '../../../events/generate-schemas';

describe('the generated event schemas and catalogue', () => {
  test('are up to date with the zod contracts (run npm run events:schemas after changing an event)', () => {
    for (const [file, content] of Object.entries(generatedFiles())) {
      expect({ file, content: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)' }).toEqual({
        file,
        content,
      });
    }
  });
});
