import { documentBytes, requiredDocuments } from './onboarding.documents';
import { ProgressBar, bar, thousands } from './progress.bar';
import { RegistryClient } from './registry.client';
import type { SimMerchant, World } from './world.types';

/** Result of {@link registerWorld}, printed as the command's JSON summary. */
export interface RegisterSummary {
  command: 'register';
  merchants: number;
  /** Merchants that reached `active` (including ones already active from an earlier run). */
  active: number;
  terminals: number;
  failed: number;
  failures: Array<{ merchantId: string; error: string }>;
  retries: number;
  elapsedMs: number;
}

/** Statuses in onboarding order; a merchant found at one resumes from the next step. */
const ORDER = ['draft', 'submitted', 'under_review', 'approved', 'active'];

/**
 * Onboards every merchant of the world through the registry's API — create, upload the required
 * documents, submit, start review, approve, activate, then create, assign and activate its
 * terminals — `concurrency` merchants at a time. Re-running resumes where an earlier run stopped.
 */
export async function registerWorld(
  world: World,
  client: RegistryClient,
  { concurrency = 16, progress = new ProgressBar() }: { concurrency?: number; progress?: ProgressBar } = {},
): Promise<RegisterSummary> {
  const started = Date.now();
  await client.preflight();
  const summary: RegisterSummary = {
    command: 'register',
    merchants: world.merchants.length,
    active: 0,
    terminals: 0,
    failed: 0,
    failures: [],
    retries: 0,
    elapsedMs: 0,
  };
  let next = 0;
  const draw = (force = false) =>
    progress.update(
      `register ${bar((summary.active + summary.failed) / Math.max(1, summary.merchants))} ${thousands(summary.active)} active, ${summary.failed} failed, ${client.retries} retries`,
      force,
    );
  const worker = async () => {
    while (next < world.merchants.length) {
      const merchant = world.merchants[next++];
      try {
        const terminals = await onboardMerchant(client, merchant);
        summary.terminals += terminals;
        summary.active += 1;
      } catch (error) {
        summary.failed += 1;
        if (summary.failures.length < 50)
          summary.failures.push({ merchantId: merchant.merchantId, error: (error as Error).message });
      }
      draw();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  draw(true);
  progress.done(`register done: ${thousands(summary.active)} active, ${summary.failed} failed`);
  return { ...summary, retries: client.retries, elapsedMs: Date.now() - started };
}

/** Takes one merchant from wherever it is to active, then its terminals; returns terminals activated. */
export async function onboardMerchant(client: RegistryClient, merchant: SimMerchant): Promise<number> {
  const created = await client.createMerchant(merchantRequest(merchant));
  const status = created
    ? created.status
    : ((await client.getMerchant(merchant.merchantId))?.status ?? 'draft');
  const id = created?.id ?? merchant.merchantId;
  if (id !== merchant.merchantId)
    throw new Error(`registry assigned id ${id} instead of the acquirer MID ${merchant.merchantId}`);
  const reached = ORDER.indexOf(status);
  if (reached < 0) throw new Error(`merchant is ${status}; cannot onboard`);
  if (reached < 1) {
    for (const type of requiredDocuments(merchant)) {
      const { bytes, mediaType } = documentBytes(merchant, type);
      await client.uploadDocument(id, type, bytes, mediaType);
    }
    await client.submit(id);
  }
  if (reached < 2) await client.review(id, 'start');
  if (reached < 3) await client.review(id, 'approve');
  if (reached < 4) {
    await client.activate(id);
    // Merchants sign the acquirer's service agreement with SMS marketing opted in (campaign outreach
    // checks this ledger at send time); service messages need no opt-in.
    await client.recordConsent(id, 'sms', 'marketing', true);
  }
  for (const terminal of merchant.terminals) {
    const { terminalId, serialNumber, model, firmwareVersion } = terminal;
    await client.createTerminal({ terminalId, serialNumber, model, firmwareVersion });
    await client.assignTerminal(terminalId, id, merchant.terminalAddress);
    await client.activateTerminal(terminalId);
  }
  return merchant.terminals.length;
}

/** The registry's create-merchant body for a simulated merchant. */
export function merchantRequest(m: SimMerchant): Record<string, unknown> {
  return {
    merchantId: m.merchantId,
    kind: m.kind,
    ...(m.businessType ? { businessType: m.businessType } : {}),
    legalName: m.legalName,
    displayName: m.displayName,
    category: m.category,
    city: m.city,
    region: m.region,
    timezone: m.timezone,
    contact: m.contact,
    idNumber: m.idNumber,
    ...(m.creditCode ? { creditCode: m.creditCode } : {}),
    settlementCard: m.settlementCard,
    ...(m.kind === 'business' ? { terminalAddress: m.terminalAddress } : {}),
  };
}
