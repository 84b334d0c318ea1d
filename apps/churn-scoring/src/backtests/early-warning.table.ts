import { EarlyWarningReport } from './backtest.runner';

const f3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '  n/a');
const days = (v: number | null): string => (v === null ? '-' : String(Math.round(v)));

/** The early-warning section as a fixed-width text table (one line per ranker), for the CLI and the demo. */
export function earlyWarningTable(section: EarlyWarningReport): string[] {
  const lines = [
    'ranker    AUC    lift   ECE    alerted precision recall  lead days p25/median/p75 (alerted/missed)',
  ];
  for (const [name, r] of Object.entries(section.rankers)) {
    const lt = r.leadTimeDays;
    lines.push(
      `${name.padEnd(9)} ${f3(r.auc)}  ${r.topDecileLift.toFixed(2).padStart(5)}  ${f3(r.calibration.ece)}  ` +
        `${String(r.alerted).padStart(7)} ${f3(r.precision).padStart(9)} ${f3(r.recall).padStart(6)}  ` +
        `${days(lt.p25)}/${days(lt.median)}/${days(lt.p75)} (${lt.alerted}/${lt.missed})   alert: ${r.rule}`,
    );
  }
  return lines;
}
