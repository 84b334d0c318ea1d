// Demo step of the early warning (issue 16): the live hazard model (retrain on demand, then the top
// flagged merchants still trading with their reasons, from the risk API) and, because the demo's own
// span is too short to label a training set, the offline evaluation on a 240-day precursor world.
import { earlyWarningTable } from '../../apps/churn-scoring/src/backtests/early-warning.table';
import { evaluateWorld } from '../bench/early-warning/early-warning.world';
import type { DemoApi } from './demo-api';

interface RiskItem {
  merchantId: string;
  behaviourTier: string;
  pDormant30d: number | null;
  earlyWarning: { modelVersion: string; reasons: Array<{ message: string }> } | null;
}

/** Retrains the hazard model through the API; prints the verdict or why it could not train. */
async function liveRetrain(api: DemoApi, churnUrl: string): Promise<boolean> {
  try {
    const r = await api.post<{ promoted: boolean; reason: string; candidate: { version: string } }>(
      `${churnUrl}/v1/models/hazard/retrains`,
    );
    console.log(
      `hazard model ${r.candidate.version}: ${r.promoted ? 'promoted' : 'not promoted'} (${r.reason})`,
    );
    return true;
  } catch (error) {
    // The API's own words (the `message` of its JSON body) rather than the raw request line.
    const text = (error as Error).message;
    const message = /"message":"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? text;
    console.log(`live retrain refused: ${message.slice(0, 400)}`);
    console.log(
      "(the demo's history is shorter than a training set needs; the offline world below shows the model)",
    );
    return false;
  }
}

/** The merchants still trading with the highest pDormant30d, from GET /v1/risks (at_risk tier). */
async function liveTopFlagged(api: DemoApi, churnUrl: string, idPrefix: string): Promise<void> {
  const page = await api.get<{ items: RiskItem[] }>(`${churnUrl}/v1/risks?behaviourTier=at_risk&limit=500`);
  const top = page.items
    .filter((r) => r.merchantId.startsWith(idPrefix) && r.pDormant30d !== null)
    .sort((a, b) => b.pDormant30d! - a.pDormant30d!)
    .slice(0, 5);
  if (top.length === 0) console.log('no merchant still trading is flagged at_risk (pDormant30d >= 0.30)');
  for (const r of top) {
    console.log(`  ${r.merchantId.padEnd(14)} pDormant30d ${r.pDormant30d!.toFixed(2)} ${r.behaviourTier}`);
    for (const reason of r.earlyWarning?.reasons.slice(0, 3) ?? []) console.log(`      - ${reason.message}`);
  }
}

/**
 * Prints the early-warning section: live retrain + top flagged (when the history allows), and the
 * offline table with the top flagged merchants still trading on a `street` world (DEMO_EW_MERCHANTS,
 * default 300 merchants × 240 days; about a minute).
 */
export async function earlyWarningStep(
  api: DemoApi,
  churnUrl: string,
  idPrefix: string,
  section: (title: string) => void,
): Promise<void> {
  section('early warning: the hazard model live (POST /v1/models/hazard/retrains)');
  if (await liveRetrain(api, churnUrl)) {
    await api.post(`${churnUrl}/v1/rescoring-runs`);
    await liveTopFlagged(api, churnUrl, idPrefix);
  }
  const merchants = Number(process.env.DEMO_EW_MERCHANTS ?? 300);
  section(`early warning offline: simulator world street:101, ${merchants} merchants × 240 days`);
  const lines: string[] = [];
  const w = evaluateWorld('street', 101, merchants, 240, 0.15, (text) => lines.push(text));
  console.log(
    `as of ${w.asOfDate}: ${w.report.merchants} merchants still trading, ${w.report.positives} start a 30-day dormancy within 30 days; ` +
      `model ${w.model.version} trained in ${(w.trainingMs / 1000).toFixed(1)} s`,
  );
  for (const line of earlyWarningTable(w.report.earlyWarning!)) console.log(line);
  console.log('top flagged merchants still trading (pDormant30d, what happened next, reasons):');
  for (const f of w.flagged) {
    console.log(
      `  ${f.merchantId} ${f.pDormant30d} (${f.startedDormancyWithin30d ? 'did go dormant' : 'kept trading'})`,
    );
    for (const reason of f.reasons) console.log(`      - ${reason}`);
  }
}
