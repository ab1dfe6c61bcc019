import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { apiBaseUrl } from '../../scripts/lib/target';
import { ensureUser } from '../../scripts/lib/users';
import { GROUPS, type GroupName } from '../../shared/identity';
import { outputs, target } from './platform';

/** Debian's chromium package (scripts/install-browser.sh installs it); Playwright downloads no browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The console the platform serves, on the API's own origin. */
export const consoleUrl = () => `${apiBaseUrl(outputs, target)}/console`;

/** Screenshots are kept as test artefacts beside the emulator's state (git-ignored): see docs/testing.md. */
export const screenshotDir = path.join(
  process.env.EMULATOR_HOME ?? path.join(__dirname, '..', '..', '.emulator', String(target.port)),
  'screenshots',
);

/** A phone-sized window (the console must be readable there). */
export const PHONE = { width: 390, height: 844 };

/**
 * Headless Chromium with the flags the closed network needs (no background networking, updates, sync or QUIC,
 * which it refuses). Playwright gives every launch a fresh, temporary profile (user data dir).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface ConsoleUser {
  username: string;
  password: string;
}

/** A user of the pool who signs in through the console's form, like a person would. */
export async function newConsoleUser(groups: GroupName[] = [GROUPS.players]): Promise<ConsoleUser> {
  const user = {
    username: `b-${randomUUID().slice(0, 12)}`,
    password: `Test-${randomUUID().slice(0, 8)}-Pw1!`,
  };
  await ensureUser({ ...user, groups }, outputs);
  return user;
}

/** Opens the console in a new phone-sized window of its own, with the page's errors collected. */
export async function openConsole(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A refused request (a wrong password's 400, say) is the page's business: it shows it in words.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  await page.goto(consoleUrl());
  return { context, page, errors };
}

export async function signInThroughForm(page: Page, user: ConsoleUser): Promise<void> {
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]', { timeout: 15_000 });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
