import { CONSOLE_PATH } from '../infra/constructs/console-site';
import { apiBaseUrl, loadOutputs } from './lib/target';

/** npm run console-url: where the web console is served on the current target (the HTTP API's own origin). */
console.log(`${apiBaseUrl(loadOutputs())}${CONSOLE_PATH}`);
