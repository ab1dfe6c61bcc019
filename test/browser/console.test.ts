import type { Browser } from 'playwright-core';
import { addQuest, myQuest, signedIn } from '../../scripts/lib/quests';
import { GROUPS } from '../../shared/identity';
import {
  consoleUrl,
  launchBrowser,
  newConsoleUser,
  openConsole,
  screenshot,
  signInThroughForm,
} from '../support/browser';
import { eventually, outputs } from '../support/platform';

jest.setTimeout(120_000);

describe('the web console in a real browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the console is served by the platform without a token, and a wrong password is refused on the page', async () => {
    const response = await fetch(consoleUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const { context, page, errors } = await openConsole(browser);

    await page.fill('#username', 'nobody-here');
    await page.fill('#password', 'Wrong-Passw0rd!');
    await page.click('button[type=submit]');

    await page.waitForSelector('.message.error', { timeout: 10_000 });
    expect(await page.textContent('.message.error')).toMatch(/username or password is wrong/i);
    await screenshot(page, '01-sign-in');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a player signs in, the tokens stay in the tab, and completing an interaction raises the pet’s XP', async () => {
    const user = await newConsoleUser();
    const { context, page, errors } = await openConsole(browser);

    await signInThroughForm(page, user);
    await page.waitForSelector('[data-template=drink_water] button', { timeout: 15_000 });
    await page.click('[data-template=drink_water] button');

    await page.waitForSelector('[data-template=drink_water] .pill.done', { timeout: 10_000 });
    await page.waitForSelector('[data-testid=pet-xp]:text-is("10")', { timeout: 15_000 });
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(await page.evaluate("sessionStorage.getItem('console.session')")).toContain('accessToken');
    await screenshot(page, '02-pet');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('an order placed on the page is followed on screen until DELIVERED', async () => {
    const user = await newConsoleUser();
    const { context, page, errors } = await openConsole(browser);
    await signInThroughForm(page, user);
    await page.click('[data-testid=tab-pizza]');
    await page.waitForSelector('[data-testid=pizza-select] option[value=funghi]', { state: 'attached' });

    await page.selectOption('[data-testid=pizza-select]', 'funghi');
    await page.fill('#quantity', '2');
    await page.fill('#address', 'Hauptstrasse 1, Berlin');
    await page.click('[data-testid=place-order]');

    await page.waitForSelector('[data-testid=order-status]', { timeout: 15_000 });
    await screenshot(page, '03-pizza-ordered');
    await page.waitForSelector('[data-testid=order-status][data-status=DELIVERED]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=order-status]')).toBe('delivered');
    await screenshot(page, '04-pizza-delivered');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('an event created in one window appears in a second window within 2 s, and a registration there shows in the first', async () => {
    const organizer = await newConsoleUser([GROUPS.players, GROUPS.organizers]);
    const watcher = await newConsoleUser();
    const first = await openConsole(browser);
    const second = await openConsole(browser);
    await signInThroughForm(first.page, organizer);
    await signInThroughForm(second.page, watcher);
    await first.page.click('[data-testid=tab-events]');
    await second.page.click('[data-testid=tab-events]');
    await second.page.waitForSelector('[data-testid=events-live].live', { timeout: 15_000 });
    const name = `Browser meetup ${Date.now()}`;

    await first.page.fill('#event-name', name);
    await first.page.fill('#event-location', 'Room 4');
    await first.page.click('[data-testid=create-event]');
    await first.page.waitForSelector('form .message.ok', { timeout: 10_000 });
    const createdAt = Date.now();

    await second.page.waitForSelector(`[data-testid=event-name]:text-is("${name}")`, { timeout: 2_000 });
    const seenAfterMs = Date.now() - createdAt;
    expect(seenAfterMs).toBeLessThan(2_000);

    const row = (name: string) => `li:has([data-testid=event-name]:text-is("${name}"))`;
    await second.page.click(`${row(name)} button:text-is("Register")`);
    await second.page.waitForSelector(`${row(name)} button:text-is("Unregister")`, { timeout: 10_000 });
    await first.page.waitForSelector(`${row(name)}:has-text("19 of 20 places left")`, { timeout: 5_000 });
    await screenshot(first.page, '05-events-organizer');
    await screenshot(second.page, '06-events-second-window');
    expect([...first.errors, ...second.errors]).toEqual([]);
    await first.context.close();
    await second.context.close();
  });

  test('a player who signed in three times sees the quest claimable, claims it on the page, and the wallet shows the diamonds', async () => {
    const admin = await newConsoleUser([GROUPS.players, GROUPS.admins]);
    const adminApi = await signedIn(admin.username, admin.password, outputs);
    const name = `Sign in 3 times ${Date.now()}`;
    const quest = await addQuest(adminApi, {
      name,
      kind: 'count',
      target: 3,
      duplication: 1,
      reward: { currency: 'diamond', amount: 10 },
      autoClaim: false,
    });
    try {
      await eventually(async () => myQuest(adminApi, quest.questId), {
        what: 'the quest in the progress catalog',
      });
      // Two sign-ins through the route (the first is the user's sign-up), the third through the console's form.
      const user = await newConsoleUser();
      await signedIn(user.username, user.password, outputs);
      const api = await signedIn(user.username, user.password, outputs);
      const { context, page, errors } = await openConsole(browser);
      await signInThroughForm(page, user);
      await eventually(async () => (await myQuest(api, quest.questId))?.status === 'claimable', {
        what: 'the quest completed by the third sign-in',
        timeoutMs: 30_000,
      });

      await page.click('[data-testid=tab-quests]');
      const row = `[data-testid=quests] li[data-quest="${quest.questId}"]`;
      await page.waitForSelector(`${row}[data-status=claimable]`, { timeout: 15_000 });
      expect(await page.textContent(`${row} [data-testid=quest-name]`)).toBe(name);
      expect(await page.textContent(row)).toContain('3/3 · 10 diamond');
      // A new user: nothing credited yet, unless another quest of the stack paid out on the same sign-ins.
      const before = Number(await page.textContent('[data-testid=wallet-diamond]'));
      await screenshot(page, '07-quests-claimable');

      await page.click(`${row} button:text-is("Claim")`);
      await page.waitForSelector('.message.ok:text-is("Claimed 10 diamond.")', { timeout: 10_000 });
      // Claimed: no second Claim button, whether progress has heard of the credit yet ("claiming…") or not.
      expect(await page.$(`${row} button:text-is("Claim")`)).toBeNull();
      await page.waitForSelector(`[data-testid=wallet-diamond]:text-is("${before + 10}")`, {
        timeout: 10_000,
      });
      // The quest's status follows once the progress service has heard of the credit (reward.credited).
      await eventually(
        async () => {
          await page.reload();
          await page.waitForSelector(row, { timeout: 10_000 });
          return (await page.getAttribute(row, 'data-status')) === 'exhausted';
        },
        { what: 'the quest shown exhausted after its one completion was claimed', timeoutMs: 30_000 },
      );
      expect(await page.textContent('[data-testid=wallet-diamond]')).toBe(String(before + 10));
      await screenshot(page, '08-quests-claimed');
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      // Deactivated, so that it does not progress the sign-ins of other tests.
      await adminApi.call('DELETE', `/admin/quests/${quest.questId}`);
    }
  });
});
