// The demo's last step: screenshots of each console screen from the demo's own data, taken with the
// browser tests' helpers (tools/browser/console-pages.ts) while services and console still run.
// DEMO_SCREENSHOTS=0 skips it; without Chromium it says so and the demo goes on.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ConsoleRole } from '@merchant-pulse/config';
import {
  CHROMIUM,
  ConsoleSession,
  launchChromium,
  openScreen,
  screenshot,
  signInConsole,
} from '../browser/console-pages';

export interface ScreenshotsInput {
  root: string;
  consoleUrl: string;
  signIns: Array<{ role: ConsoleRole; username: string; password: string }>;
  /** A merchant the churn model flags (highest risk). */
  flaggedMerchantId?: string;
  campaignId?: string;
  /** The acquirer and a business date of the run, for the ingestion screen's reconciliation. */
  acquirerId?: string;
  businessDate?: string;
}

/** Per screen: wait at most this long for its data. */
const SCREEN_TIMEOUT_MS = 10_000;

export async function screenshotsStep(input: ScreenshotsInput): Promise<string[]> {
  if (process.env.DEMO_SCREENSHOTS === '0') return ['DEMO_SCREENSHOTS=0: no screenshots'];
  if (!existsSync(CHROMIUM)) return [`no screenshots: ${CHROMIUM} not found (npm test installs it)`];
  const dir = join(input.root, 'docs', 'console', 'demo');
  const lines: string[] = [];
  const written: string[] = [];
  let browser: Browser | undefined;
  const signIn = async (role: ConsoleRole): Promise<ConsoleSession> => {
    const account = input.signIns.find((s) => s.role === role);
    if (!account) throw new Error(`no ${role} account`);
    const session = await signInConsole(
      browser as Browser,
      input.consoleUrl,
      account.username,
      account.password,
    );
    session.page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    return session;
  };
  /** One screen: a failure is reported on one line and the next screen is taken. */
  const take = async (name: string, drive: () => Promise<void>, page: () => Page): Promise<void> => {
    try {
      await drive();
      await page()
        .waitForLoadState('networkidle', { timeout: SCREEN_TIMEOUT_MS })
        .catch(() => undefined);
      const path = join(dir, `${name}.png`);
      await screenshot(page(), path);
      written.push(relative(input.root, path));
    } catch (error) {
      lines.push(`screenshot ${name} failed: ${(error as Error).message.split('\n')[0]}`);
    }
  };
  try {
    browser = await launchChromium();
    const url = input.consoleUrl;
    const admin = await signIn('ops_admin');
    const p = () => admin.page;
    await take(
      'worklist',
      async () => {
        await openScreen(p(), url, 'worklist');
        await p().locator('[data-testid=worklist-table] tbody tr').first().waitFor();
      },
      p,
    );
    await take('call-tasks', () => openScreen(p(), url, 'calls'), p);
    await take(
      'ticket-board',
      async () => {
        await openScreen(p(), url, 'tickets');
        await p().locator('[data-ticket-id]').first().waitFor();
      },
      p,
    );
    await take(
      'ticket',
      async () => {
        await p().locator('[data-ticket-id]').first().getByRole('link').first().click();
        await p().getByTestId('ticket-history').waitFor();
      },
      p,
    );
    await take('campaigns', () => openScreen(p(), url, 'campaigns'), p);
    if (input.campaignId)
      await take(
        'campaign-results',
        async () => {
          await openScreen(p(), url, `campaigns/${input.campaignId}`);
          await p().getByTestId('funnel-delivered').waitFor();
        },
        p,
      );
    await take(
      'ingestion',
      async () => {
        await openScreen(p(), url, 'ingestion');
        if (input.acquirerId && input.businessDate) {
          await p().getByLabel('收单机构').fill(input.acquirerId);
          await p().getByLabel('日期').fill(input.businessDate);
          await p().locator('form.filters button[type=submit]').click();
        }
      },
      p,
    );
    await take('model', () => openScreen(p(), url, 'model'), p);
    await admin.context.close();
    if (input.flaggedMerchantId) {
      // The account manager holds pii:read: the 360 view with the contact revealed.
      const manager = await signIn('account_manager');
      await take(
        'merchant-360',
        async () => {
          await openScreen(manager.page, url, `merchants/${input.flaggedMerchantId}`);
          await manager.page.getByTestId('pii-phone').waitFor();
          const masked = await manager.page.getByTestId('pii-phone').textContent();
          await manager.page.getByRole('button', { name: /显示完整信息|Reveal/ }).click();
          const phone = manager.page.getByTestId('pii-phone');
          for (let t = 0; (await phone.textContent()) === masked; t += 200) {
            if (t > SCREEN_TIMEOUT_MS) throw new Error('the phone number stayed masked');
            await manager.page.waitForTimeout(200);
          }
        },
        () => manager.page,
      );
      await manager.context.close();
    }
  } catch (error) {
    lines.push(`screenshots stopped: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await browser?.close().catch(() => undefined);
  }
  return [`screenshots (${written.length}): ${written.join(', ') || 'none'}`, ...lines];
}
