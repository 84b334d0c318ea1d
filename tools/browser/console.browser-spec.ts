import { Topics } from '@merchant-pulse/contracts';
import { EventProducer } from '@merchant-pulse/kafka';
import { adminQuery, expectEventually, TEST_ADMIN_SECRET } from '@merchant-pulse/testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { individualApplication } from '../../apps/merchant-registry/test/registry-fixtures';
import { developmentPassword } from '../../apps/ops-console/src/config/console-users';
import { MaintenanceJob } from '../../apps/transaction-ingestion/src/maintenance/maintenance.job';
import { ConsoleSession, DESKTOP, launchChromium, screenshot, signInConsole } from './console-pages';
import { ConsoleStack, ROOT, startConsoleStack } from './console-stack';

jest.setTimeout(240_000);

const SCREENSHOTS = join(ROOT, 'docs', 'console');
/** The tickets service's simulated "now" at boot: a Monday morning in Shanghai (business hours). */
const CLOCK_START = '2026-03-02T01:30:00.000Z';
const WORKLIST_MERCHANTS = 100_000;
/** As the worklist's "new campaign from selection": the filter matches no one, so only the listed merchants. */
const ONLY_LISTED = { minDaysInactive: 1, maxDaysInactive: 0 };

const ROLE_LABELS: Record<string, string> = {
  activation: '激活专员',
  support: '售后客服',
  manager: '客户经理',
  admin: '运营管理员',
  viewer: '只读',
};

describe('ops console in headless Chromium', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let merchant: { id: string; phone: string };
  const sessions: ConsoleSession[] = [];

  /** A fresh browser context signed in as `username` with its development password. */
  async function signIn(
    username: string,
    viewport = DESKTOP,
    keepAccountLocale = false,
  ): Promise<ConsoleSession> {
    const session = await signInConsole(
      browser,
      stack.url,
      username,
      developmentPassword(username),
      viewport,
      keepAccountLocale,
    );
    sessions.push(session);
    return session;
  }

  async function shot(page: Page, name: string): Promise<void> {
    await screenshot(page, join(SCREENSHOTS, `${name}.png`));
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startConsoleStack('console-web', { clockStart: CLOCK_START });
    browser = await launchChromium();
    const application = individualApplication({ displayName: '王记便利店' });
    const created = await stack.admin<{ id: string }>('registry', 'POST', '/v1/merchants', application);
    merchant = { id: created.id, phone: (application.contact as { phone: string }).phone };
  });

  afterEach(async () => {
    const open = sessions.splice(0);
    const errors = open.flatMap((s) => s.errors);
    await Promise.all(open.map((s) => s.context.close()));
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("should sign each role in and show its role in the account's language (admin: English), and switch", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await shot(page, 'sign-in');
    await page.getByLabel('用户名').fill('support');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    await context.close();

    for (const [username, role] of Object.entries(ROLE_LABELS)) {
      const { page: signedIn } = await signIn(username, DESKTOP, true);
      if (username === 'admin') {
        // The admin development account prefers English: applied on sign-in, then switched to Chinese.
        await signedIn.getByRole('link', { name: 'At-risk worklist' }).waitFor();
        expect(await signedIn.getAttribute('html', 'lang')).toBe('en');
        expect(await signedIn.getByTestId('current-role').textContent()).toBe('Ops admin');
        await signedIn.getByRole('button', { name: '中文' }).click();
        await signedIn.getByRole('button', { name: 'English' }).waitFor();
      } else expect(await signedIn.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await signedIn.getByTestId('current-role').textContent()).toBe(role);
      await signedIn.getByRole('button', { name: '退出登录' }).click();
      await signedIn.getByRole('button', { name: '登录' }).waitFor();
    }
  });

  it('should mask PII for a role without pii:read and reveal it for the account manager', async () => {
    const support = await signIn('support');
    await support.page.goto(`${stack.url}/#/merchants/${merchant.id}`);
    const masked = support.page.getByTestId('pii-phone');
    await masked.waitFor();
    const maskedText = (await masked.textContent()) ?? '';
    expect(maskedText).toContain('*');
    expect(maskedText).not.toContain(merchant.phone);
    expect(await support.page.getByRole('button', { name: '显示完整信息' }).count()).toBe(0);

    const manager = await signIn('manager');
    await manager.page.goto(`${stack.url}/#/merchants/${merchant.id}`);
    await manager.page.getByTestId('pii-phone').waitFor();
    expect(await manager.page.getByTestId('pii-phone').textContent()).not.toContain(merchant.phone);
    await shot(manager.page, 'merchant-360');
    await manager.page.getByRole('button', { name: '显示完整信息' }).click();
    await expectEventually(async () =>
      expect(await manager.page.getByTestId('pii-phone').textContent()).toBe(merchant.phone),
    );
    // Search by name (not an id: the registry's contains-match); one hit opens the merchant.
    await manager.page.goto(`${stack.url}/#/merchants`);
    const box = manager.page.getByRole('search').getByRole('textbox');
    await box.fill('王');
    await box.press('Enter');
    await manager.page.getByRole('alert').filter({ hasText: '至少输入 2 个字' }).waitFor();
    await box.fill('记便利');
    await box.press('Enter');
    await manager.page.waitForURL(new RegExp(`#/merchants/${merchant.id}$`));
    await manager.page.getByTestId('pii-phone').waitFor();
  });

  it('should load the first worklist page of 100,000 scored merchants in under a second', async () => {
    const churn = stack.services.churn.schema.schema;
    await adminQuery(
      `INSERT INTO "${churn}".merchant_risk (merchant_id, score, score_band, behaviour_tier, value_tier, p_alive,
         reasons, reason_codes, model_version, as_of_date, scored_at, trailing_90d_fee_minor, region, city)
       SELECT 'MW' || lpad(g::text, 6, '0'), (g * 7919) % 101,
         CASE WHEN (g * 7919) % 101 >= 80 THEN 'critical' WHEN (g * 7919) % 101 >= 60 THEN 'high'
              WHEN (g * 7919) % 101 >= 30 THEN 'medium' ELSE 'low' END,
         (ARRAY['active','at_risk','dormant','churned'])[1 + g % 4], (ARRAY['high','mid','low'])[1 + g % 3], 0.5,
         '[{"code":"volume_drop","message":"volume fell"}]'::jsonb, ARRAY['volume_drop'], 'bgnbd-test',
         DATE '2026-03-01', now(), g * 13, (ARRAY['华东','华北','华南'])[1 + g % 3], 'City'
       FROM generate_series(1, $1::int) AS g`,
      [WORKLIST_MERCHANTS],
    );
    await adminQuery(`ANALYZE "${churn}".merchant_risk`);
    const admin = await signIn('admin');
    // A cold page load of the worklist: navigation start → first rows rendered, by the browser's clock.
    await admin.page.goto(`${stack.url}/#/about:blank`);
    // Three cold loads (a new document each time, navigation start → first page of rows rendered); the
    // best of three is the figure, like the benchmarks' min, so one load slowed by a busy core does not decide.
    const loads: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await admin.page.goto(`${stack.url}/?cold=${attempt + 1}#/worklist`);
      await admin.page.locator('[data-testid=worklist-table] tbody tr').first().waitFor();
      const ms = await admin.page.evaluate(
        "performance.getEntriesByName('worklist:rows')[0]?.startTime ?? Number.POSITIVE_INFINITY",
      );
      loads.push(Math.round(Number(ms)));
    }
    // The rows' names arrive after the rows: wait for that call to finish before reading the requests.
    await admin.page.waitForFunction(
      "performance.getEntriesByType('resource').some((e) => e.name.includes('/api/svc/registry/'))",
    );
    const timings = await admin.page.evaluate(
      "JSON.stringify(performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.duration)]))",
    );
    console.log(
      `worklist first load with ${WORKLIST_MERCHANTS} merchants: best ${Math.min(...loads)} ms of ${loads.join(', ')} ms ${timings}`,
    );
    expect(Math.min(...loads)).toBeLessThan(1000);
    // React's production build: each list is fetched once (a development build's StrictMode runs effects twice).
    const fetched = (JSON.parse(String(timings)) as Array<[string, number, number]>).map(([name]) => name);
    expect(fetched.filter((name) => name.startsWith('/api/svc/churn/v1/risks?'))).toHaveLength(1);
    expect(fetched.filter((name) => name === '/api/session')).toHaveLength(1);
    // The rows' names in one registry call (its ids filter), not one call per row.
    expect(fetched.filter((name) => name.startsWith('/api/svc/registry/'))).toEqual([
      expect.stringMatching(/^\/api\/svc\/registry\/v1\/merchants\?ids=[^&]+&limit=25$/),
    ]);
    expect(await admin.page.locator('[data-testid=worklist-table] tbody tr').count()).toBe(25);
    const firstScore = await admin.page
      .locator('[data-testid=worklist-table] tbody tr td.num')
      .first()
      .textContent();
    expect(firstScore).toBe('100');
    await admin.page.getByRole('button', { name: '下一页' }).click();
    await admin.page.getByText('第 2 页').waitFor();
    await shot(admin.page, 'worklist');

    // Sort by a column from the keyboard (the header is a button), both directions, then filter by region:
    // sorted and filtered on the server, first page again.
    const table = admin.page.getByTestId('worklist-table');
    const firstMerchant = () => table.locator('tbody tr').first().getByRole('link').textContent();
    const feeHeader = table.getByRole('columnheader', { name: /近 90 天手续费/ });
    const scoreHeader = table.getByRole('columnheader', { name: /风险分/ });
    expect(await scoreHeader.getAttribute('aria-sort')).toBe('descending');
    await feeHeader.getByRole('button').focus();
    await admin.page.keyboard.press('Enter');
    await expectEventually(async () => expect(await firstMerchant()).toBe('MW100000'));
    expect(await feeHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await scoreHeader.getAttribute('aria-sort')).toBe('none');
    await admin.page.getByText('第 1 页').waitFor();
    await feeHeader.getByRole('button').focus();
    await admin.page.keyboard.press('Enter');
    await expectEventually(async () => expect(await feeHeader.getAttribute('aria-sort')).toBe('ascending'));
    await expectEventually(async () => expect(await firstMerchant()).not.toBe('MW100000'));
    await admin.page.getByLabel('地区').selectOption('华北');
    await expectEventually(async () => expect(await firstMerchant()).toBe('MW000001'));
    await admin.page.getByLabel('地区').selectOption('华东');
    await expectEventually(async () => expect(await firstMerchant()).toBe('MW000003'));
    const regions = await table.locator('tbody tr td:nth-child(8)').allTextContents();
    expect(regions).toHaveLength(25);
    expect(regions.every((r) => r.startsWith('华东'))).toBe(true);
    await admin.page.getByRole('button', { name: '下一页' }).click();
    await expectEventually(async () => expect(await firstMerchant()).toBe('MW000078'));
    expect(admin.page.url()).toContain('sort=fee90d');
  });

  it('should let an account manager open a care visit from the worklist, which then waits in the call queue', async () => {
    const region = '回访测试区';
    const target = await stack.activeMerchant('赵记烧烤', region);
    // Campaigns must know the merchant as active (registry events) before it can call it.
    await expectEventually(
      async () => {
        const rows = await adminQuery<{ status: string }>(
          `SELECT status FROM "${stack.services.campaigns.schema.schema}".merchant_profiles WHERE merchant_id = $1`,
          [target.id],
        );
        expect(rows[0]?.status).toBe('active');
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const manager = await signIn('manager');
    const checkbox = manager.page.getByRole('checkbox', { name: `选择商户 ${target.id}` });
    await expectEventually(
      async () => {
        await manager.page.goto(
          `${stack.url}/?t=${Date.now()}#/worklist?region=${encodeURIComponent(region)}`,
        );
        await checkbox.waitFor({ timeout: 2_000 });
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    await checkbox.check();
    await manager.page.getByLabel('回访原因').fill('风险商户清单跟进：浏览器测试');
    await manager.page.getByRole('button', { name: '开回访' }).click();
    await manager.page.getByText('已开 1 个回访').waitFor();
    await shot(manager.page, 'worklist-care-visit');

    const taskLink = manager.page.getByTestId('call-queue').getByRole('link', { name: target.id });
    await expectEventually(
      async () => {
        await manager.page.goto(`${stack.url}/#/calls?t=${Date.now()}`);
        await taskLink.waitFor({ timeout: 2_000 });
      },
      { timeoutMs: 150_000, intervalMs: 1_000 },
    );
    await taskLink.click();
    await manager.page.getByText('风险商户清单跟进：浏览器测试').first().waitFor();
  });

  it('should count a ticket SLA down and highlight it as breached after the tickets clock moves', async () => {
    const ticket = await stack.admin<{ id: string; resolutionDueAt: string }>(
      'tickets',
      'POST',
      '/v1/tickets',
      {
        merchantId: merchant.id,
        category: 'operation_question',
        channel: 'phone',
        priority: 'high',
        subject: '收银操作咨询（SLA 测试）',
      },
    );
    const support = await signIn('support');
    await support.page.goto(`${stack.url}/#/tickets`);
    const card = support.page.locator(`[data-ticket-id="${ticket.id}"]`);
    await card.waitFor();
    expect(['ok', 'warning']).toContain(await card.getAttribute('data-sla'));
    const before = (await card.getByTestId('sla-timer').textContent()) ?? '';
    expect(before).toMatch(/\d+h \d{2}m/);
    await shot(support.page, 'ticket-board');

    const due = Date.parse(ticket.resolutionDueAt);
    await stack.admin('tickets', 'PUT', '/v1/clock', { now: new Date(due + 3_600_000).toISOString() });
    await support.page.reload();
    await expectEventually(async () => expect(await card.getAttribute('data-sla')).toBe('breached'));
    expect(await card.getByTestId('sla-timer').textContent()).toContain('已超时');

    await card.getByRole('link').click();
    await support.page.getByTestId('ticket-history').waitFor();
    await shot(support.page, 'ticket');
  });

  it('should let an activation agent claim a call task and record an outcome that the campaign then reports', async () => {
    const target = await stack.activeMerchant('李记面馆');
    const campaign = await stack.admin<{ id: string }>('campaigns', 'POST', '/v1/campaigns', {
      name: '沉睡商户回访',
      kind: 'one_off',
      audience: { ...ONLY_LISTED, includeMerchantIds: [target.id] },
      steps: [
        { channel: 'phone_task', delayDays: 0, templateId: 'reactivation-default', purpose: 'marketing' },
      ],
      holdoutShare: 0,
      attributionDays: 30,
    });
    // The campaigns service learns of the merchant from the registry's events (Kafka) before it can enrol it.
    await expectEventually(
      async () => {
        const preview = await stack.admin<{ count: number }>(
          'campaigns',
          'GET',
          `/v1/campaigns/${campaign.id}/audience-preview`,
        );
        expect(preview.count).toBe(1);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await stack.admin('campaigns', 'POST', `/v1/campaigns/${campaign.id}/launch`, {});

    const agent = await signIn('activation');
    const taskLink = agent.page.getByTestId('call-queue').getByRole('link', { name: target.id });
    await expectEventually(
      async () => {
        await agent.page.goto(`${stack.url}/#/calls?t=${Date.now()}`);
        await taskLink.waitFor({ timeout: 2_000 });
      },
      // ~6 s alone; in CI, right after the integration suite, it has twice not shown within 60 s (cause not
      // found: isolating the BullMQ prefixes per test app did not cure it). The failure below lists the sends.
      { timeoutMs: 150_000, intervalMs: 1_000 },
    ).catch(async (error: unknown) => {
      // Say where the send stands (skipped and why, held, failed), not only that no task showed.
      const results = await stack
        .admin('campaigns', 'GET', `/v1/campaigns/${campaign.id}/results`)
        .catch((e: unknown) => String(e));
      const sends = await adminQuery(
        `SELECT * FROM "${stack.services.campaigns.schema.schema}".outreach_send WHERE campaign_id = $1`,
        [campaign.id],
      ).catch((e: unknown) => String(e));
      const enrolments = await adminQuery(
        `SELECT * FROM "${stack.services.campaigns.schema.schema}".campaign_enrolments WHERE campaign_id = $1`,
        [campaign.id],
      ).catch((e: unknown) => String(e));
      console.log(`call-task diagnosis at ${new Date().toISOString()}`, { sends, enrolments });
      throw new Error(
        `no call task for ${target.id}: ${String(error)}; campaign results ${JSON.stringify(results)}; ` +
          `sends ${JSON.stringify(sends)}; enrolments ${JSON.stringify(enrolments)}`,
      );
    });
    await taskLink.click();
    await agent.page.getByRole('button', { name: '领取任务' }).click();
    await expectEventually(async () =>
      expect(await agent.page.getByTestId('task-phone').textContent()).toBe(target.phone),
    );
    await shot(agent.page, 'call-tasks');
    await agent.page.getByRole('button', { name: '已接通' }).click();
    await agent.page.getByTestId('outcome-recorded').waitFor();

    const results = await expectEventually(async () => {
      const r = await stack.admin<{ funnel: { delivered: number; contacted: number } }>(
        'campaigns',
        'GET',
        `/v1/campaigns/${campaign.id}/results`,
      );
      expect(r.funnel.delivered).toBe(1);
      return r;
    });
    expect(results.funnel.contacted).toBe(1);
    await agent.page.goto(`${stack.url}/#/campaigns/${campaign.id}`);
    await expectEventually(async () =>
      expect(await agent.page.getByTestId('funnel-delivered').textContent()).toBe('1'),
    );
    await shot(agent.page, 'campaign-results');
  });

  it('should show the campaigns, call tasks, ingestion and model screens without errors', async () => {
    const admin = await signIn('admin');
    const screens: Array<[string, string, string]> = [
      ['campaigns', '营销活动', 'campaigns'],
      ['ingestion', '交易接入', 'ingestion'],
      ['model', '流失模型', 'model'],
    ];
    for (const [path, heading, file] of screens) {
      await admin.page.goto(`${stack.url}/#/${path}`);
      await admin.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await admin.page.waitForLoadState('networkidle');
      await shot(admin.page, file);
    }
    // Tablet portrait: the navigation folds behind the menu button and stays keyboard-usable.
    const tablet = await signIn('activation', { width: 820, height: 1180 });
    await tablet.page.getByRole('button', { name: '菜单' }).focus();
    await tablet.page.keyboard.press('Enter');
    await tablet.page.getByRole('link', { name: '外呼任务' }).click();
    await tablet.page.getByRole('heading', { level: 1, name: '外呼任务' }).waitFor();
    await shot(tablet.page, 'tablet-call-tasks');
  });

  it('a dead letter is re-driven once and the reconciliation shows it', async () => {
    const acquirerId = `ACQ-DL-${process.pid}`;
    // Yesterday (UTC), so the ledger day does not move while the test runs across midnight.
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const merchantId = `MDL${Date.now().toString(36)}`.toUpperCase();
    const transactionId = `tx-dl-${process.pid}-${Date.now()}`;
    const reconciliation = () =>
      stack.admin<{
        received: number;
        accepted: { count: number; amountMinor: number };
        duplicate: number;
        rejected: { count: number; byReason: Record<string, number> };
        parked: number;
        redriven: { count: number; byOutcome: Record<string, number> };
        balanced: boolean;
      }>('ingestion', 'GET', `/v1/reconciliation?acquirerId=${acquirerId}&date=${day}`);

    // An acquirer transaction of a merchant the registry does not know yet: parked, then (TTL 1 s) dead.
    await stack.services.ingestion.app.get(EventProducer).send([
      {
        topic: Topics.AcquirerTransactions,
        key: merchantId,
        value: JSON.stringify({
          acquirerId,
          transactionId,
          merchantId,
          terminalId: 'T-DL-1',
          occurredAt: `${day}T04:00:00.000Z`,
          amountMinor: 4_200,
          currency: 'CNY',
          channel: 'qr_wechat',
          type: 'purchase',
          status: 'approved',
          responseCode: '00',
          entryMode: 'qr',
        }),
      },
    ]);
    await expectEventually(async () => expect((await reconciliation()).parked).toBe(1), {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await stack.services.ingestion.app.get(MaintenanceJob).runOnce();
    expect(await reconciliation()).toMatchObject({
      received: 1,
      parked: 0,
      rejected: { count: 1, byReason: { unknown_merchant: 1 } },
      balanced: true,
    });
    const listed = await stack.admin<{ items: Array<{ id: string; transactionId: string }> }>(
      'ingestion',
      'GET',
      `/v1/dead-letters?acquirerId=${acquirerId}&reason=unknown_merchant`,
    );
    expect(listed.items.map((d) => d.transactionId)).toEqual([transactionId]);
    const letterId = listed.items[0].id;

    // Two tabs of the ingestion screen: the second keeps a stale list (as a second operator would).
    const admin = await signIn('admin');
    const openIngestion = async (page: Page) => {
      await page.goto(`${stack.url}/#/ingestion`);
      await page.getByLabel('收单机构').fill(acquirerId);
      await page.getByLabel('日期').fill(day);
      await page.getByRole('button', { name: '查询' }).click();
      await page.locator(`[data-dead-letter-id="${letterId}"]`).waitFor();
    };
    await openIngestion(admin.page);
    const row = admin.page.locator(`[data-dead-letter-id="${letterId}"]`);
    expect(await row.textContent()).toContain(transactionId);
    await expectEventually(async () =>
      expect(await admin.page.getByTestId('reconciliation').textContent()).toContain(
        '接收 1 = 受理 0 + 重复 0 + 拒绝 1 + 暂存 0',
      ),
    );
    const stale = await admin.context.newPage();
    const staleFailures: string[] = [];
    stale.on('pageerror', (e) => staleFailures.push(`pageerror: ${e.message}`));
    stale.on('response', (r) => r.status() >= 400 && staleFailures.push(`${r.status()} ${r.url()}`));
    await openIngestion(stale);

    // The fix: the merchant is registered (registry → MerchantRegistered → ingestion's projection).
    await stack.admin('registry', 'POST', '/v1/merchants', individualApplication({ merchantId }));
    const ingestionSchema = stack.services.ingestion.schema.schema;
    await expectEventually(
      async () =>
        expect(
          await adminQuery(`SELECT 1 FROM "${ingestionSchema}".fee_plan_versions WHERE merchant_id = $1`, [
            merchantId,
          ]),
        ).toHaveLength(1),
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    await row.getByRole('checkbox').check();
    await admin.page.getByRole('button', { name: '重新投递所选（1）' }).click();
    await admin.page.getByRole('status').filter({ hasText: '已重新投递 1 条，0 条此前已投递' }).waitFor();
    // The screen polls until the consumer has read the re-drive back, then refreshes the reconciliation.
    await expectEventually(
      async () => {
        expect(await admin.page.getByTestId('redriven-count').textContent()).toBe('1');
        expect(await admin.page.getByTestId('redriven-outcomes').textContent()).toBe(' · 受理 1');
      },
      { timeoutMs: 45_000, intervalMs: 500 },
    );
    expect(await admin.page.getByTestId('reconciliation').textContent()).toContain(
      '接收 1 = 受理 1 + 重复 0 + 拒绝 0 + 暂存 0',
    );
    expect(await row.count()).toBe(0);
    await admin.page.getByLabel('状态').selectOption('redriven');
    await row.waitFor();
    expect(await row.textContent()).toContain('第 1 次 受理');
    expect(await row.getByRole('checkbox').isDisabled()).toBe(true);

    const afterFirst = await reconciliation();
    expect(afterFirst).toMatchObject({
      received: 1,
      accepted: { count: 1, amountMinor: 4_200 },
      duplicate: 0,
      rejected: { count: 0 },
      parked: 0,
      redriven: { count: 1, byOutcome: { accepted: 1 } },
      balanced: true,
    });
    expect(await stack.admin('ingestion', 'GET', `/v1/dead-letters/${letterId}`)).toMatchObject({
      status: 'redriven',
      redrivable: false,
      redrive: { attempt: 1, requestedBy: 'console:admin', outcome: 'accepted' },
    });
    await shot(admin.page, 'ingestion');

    // The stale tab still offers the letter: its re-drive is refused with 409 and shown.
    const staleRow = stale.locator(`[data-dead-letter-id="${letterId}"]`);
    await staleRow.getByRole('checkbox').check();
    await stale.getByRole('button', { name: '重新投递所选（1）' }).click();
    await stale.getByRole('alert').filter({ hasText: '（409）' }).waitFor();
    await expectEventually(async () => expect(await staleRow.count()).toBe(0));
    expect(staleFailures).toEqual([
      expect.stringMatching(/^409 .*\/api\/svc\/ingestion\/v1\/dead-letters\/redrives$/),
    ]);
    const again = await fetch(`${stack.services.ingestion.url}/v1/dead-letters/redrives`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_ADMIN_SECRET}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ids: [letterId] }),
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ republished: 0, alreadyRedriven: 1 });

    // Nothing counted twice: give the consumer time for any stray copy, then the ledger is unchanged.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await reconciliation()).toEqual(afterFirst);
    await stale.close();
  });
});
