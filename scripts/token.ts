/* npm run token -- <user> [--id]: signs a demo user in through POST /auth/sign-in, as users do, and prints an access token (or the ID token). */
import { demoUser, signInThroughApi } from './lib/users';

(async () => {
  const [username, flag] = process.argv.slice(2);
  if (!username) {
    console.error('usage: npm run token -- <alice|bob|admin|staff> [--id]');
    process.exit(2);
  }
  const user = demoUser(username);
  const tokens = await signInThroughApi(user.username, user.password);
  process.stdout.write(`${flag === '--id' ? tokens.idToken : tokens.accessToken}\n`);
})().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
