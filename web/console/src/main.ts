import { Api } from './api';
import { apiBase, type ConsoleConfig, loadConfig, webSocketUrl } from './config';
import type { Page, PageContext } from './context';
import { h, replace, say } from './dom';
import { LiveUpdates } from './live';
import { eventsPage } from './pages/events';
import { petPage } from './pages/pet';
import { pizzaPage } from './pages/pizza';
import { questsPage } from './pages/quests';
import { forgetSession, type Session, SignInError, savedSession, signIn } from './session';

const app = document.getElementById('app')!;

interface Tab {
  id: string;
  title: string;
  page: Page;
  shown: (config: ConsoleConfig) => boolean;
}

const TABS: Tab[] = [
  { id: 'pet', title: 'Pet', page: petPage, shown: () => true },
  { id: 'pizza', title: 'Pizza', page: pizzaPage, shown: () => true },
  { id: 'events', title: 'Events', page: eventsPage, shown: (c) => c.features.events },
  { id: 'quests', title: 'Quests', page: questsPage, shown: (c) => c.features.quests },
];

function showSignIn(config: ConsoleConfig, note = '') {
  const username = h('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'none',
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const message = h('p', { class: 'message', role: 'status' });
  if (note) say(message, note);
  replace(
    app,
    h('header', { class: 'top' }, h('h1', {}, 'Platform console')),
    h(
      'main',
      {},
      h(
        'section',
        { class: 'card signin', 'data-testid': 'sign-in' },
        h('h2', {}, 'Sign in'),
        h(
          'form',
          {
            onsubmit: async (event: Event) => {
              event.preventDefault();
              button.disabled = true;
              say(message, 'Signing in…');
              try {
                const session = await signIn(config, username.value.trim(), password.value);
                password.value = '';
                await start(config, session);
              } catch (error) {
                button.disabled = false;
                say(
                  message,
                  error instanceof SignInError ? error.message : `Sign-in failed: ${String(error)}`,
                  'error',
                );
              }
            },
          },
          h('label', { for: 'username' }, 'Username'),
          username,
          h('label', { for: 'password' }, 'Password'),
          password,
          h('div', { class: 'actions' }, button),
          message,
        ),
        h(
          'p',
          { class: 'muted' },
          'Your session stays in this tab only and ends when you close it or sign out.',
        ),
      ),
    ),
  );
  username.focus();
}

async function start(config: ConsoleConfig, session: Session) {
  let live: LiveUpdates | undefined;
  let leavePage = () => {};
  const signOut = (note = '') => {
    leavePage();
    live?.close();
    forgetSession();
    window.removeEventListener('hashchange', route);
    showSignIn(config, note);
  };
  const api = new Api(
    apiBase(config),
    () => session.accessToken,
    () => signOut('Your session has ended; please sign in again.'),
  );
  const who = await api.get<{ userId: string; username: string; groups: string[] }>('/whoami');
  if (who.status !== 200) return signOut('Your session has ended; please sign in again.');
  const me = {
    userId: who.body.userId,
    username: who.body.username ?? session.username,
    groups: who.body.groups ?? [],
  };

  const liveBadge = h('span', { class: 'pill off', 'data-testid': 'live-state' }, 'offline');
  const url = webSocketUrl(config);
  if (url) {
    live = new LiveUpdates(
      url,
      // The server closes the socket when the token expires; with no fresh token the user signs in again.
      () => (session.expiresAt > Date.now() ? session.accessToken : undefined),
      (connected) => {
        liveBadge.textContent = connected ? 'live' : 'reconnecting…';
        liveBadge.className = connected ? 'pill live' : 'pill off';
      },
      () => signOut('Your session has ended; please sign in again.'),
    );
  }
  const context: PageContext = { api, config, me, live };
  const tabs = TABS.filter((t) => t.shown(config));
  const nav = h('nav', { class: 'tabs', 'aria-label': 'Pages' });
  const main = h('main', {});
  replace(
    app,
    h(
      'header',
      { class: 'top' },
      h('h1', {}, 'Platform console'),
      url ? liveBadge : null,
      h('span', { class: 'who', 'data-testid': 'who' }, me.username),
      h('button', { class: 'small', onclick: () => signOut() }, 'Sign out'),
    ),
    nav,
    main,
  );
  function route() {
    const wanted = location.hash.replace('#', '');
    const tab = tabs.find((t) => t.id === wanted) ?? tabs[0]!;
    replace(
      nav,
      ...tabs.map((t) =>
        h(
          'a',
          { href: `#${t.id}`, 'aria-current': t === tab ? 'page' : undefined, 'data-testid': `tab-${t.id}` },
          t.title,
        ),
      ),
    );
    leavePage();
    const root = h('div', { 'data-page': tab.id });
    replace(main, root);
    leavePage = tab.page(root, context);
  }
  window.addEventListener('hashchange', route);
  route();
  // The access token is not refreshed: when it expires, the user signs in again.
  setTimeout(
    () => signOut('Your session has ended; please sign in again.'),
    Math.max(0, session.expiresAt - Date.now()),
  );
}

void (async () => {
  try {
    const config = await loadConfig();
    const session = savedSession();
    if (session) await start(config, session);
    else showSignIn(config);
  } catch (error) {
    replace(app, h('p', { class: 'loading' }, `The console could not start: ${String(error)}`));
  }
})();
