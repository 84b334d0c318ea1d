// Driving the ops console in headless Chromium: launch, sign in through the sign-in page, screenshot.
// One code path for the browser tests (console.browser-spec.ts) and the demo's screenshots.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** The Chromium the tests and the demo drive (Debian's package; CHROMIUM_PATH overrides). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DESKTOP = { width: 1366, height: 900 };

export interface ConsoleSession {
  context: BrowserContext;
  page: Page;
  /** Page errors, console errors and failed requests seen so far (a 404 is an answer, not a fault). */
  errors: string[];
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/**
 * A fresh browser context signed in as `username` (sign-in page → shell), collecting errors. The
 * account's language applies on sign-in; unless `keepAccountLocale`, the page is switched back to
 * Chinese so that every test reads the same labels.
 */
export async function signInConsole(
  browser: Browser,
  url: string,
  username: string,
  password: string,
  viewport = DESKTOP,
  keepAccountLocale = false,
): Promise<ConsoleSession> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A service's 404 for data that does not exist yet (an unscored merchant) is an answer, not a fault.
    if (m.type() === 'error' && !/status of 404/.test(m.text()))
      errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on(
    'response',
    (r) => r.status() >= 400 && r.status() !== 404 && errors.push(`${r.status()} ${r.url()}`),
  );
  await page.goto(`${url}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('current-role').waitFor({ state: 'attached' });
  // The shell renders with the account's language in the same render as the role.
  const toChinese = page.getByRole('button', { name: '中文', exact: true });
  if (!keepAccountLocale && (await toChinese.count()) > 0) {
    await toChinese.click();
    await page.getByRole('button', { name: 'English', exact: true }).waitFor();
  }
  return { context, page, errors };
}

/** Opens a hash route of the console (`worklist`, `merchants/<id>` …) and waits for its heading. */
export async function openScreen(page: Page, url: string, route: string): Promise<void> {
  await page.goto(`${url}/#/${route}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** A viewport screenshot after the page settles (charts animate in). */
export async function screenshot(page: Page, path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path, fullPage: false });
}
