import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticActivity } from '../backtests/synthetic-activity.generator';
import { RecordingIo } from './cli.io.fake';
import { runChurnCli } from './churn-cli.runner';

describe('churn backtest command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'churn-backtest-'));
  const data = generateSyntheticActivity({ merchants: 600, startDate: '2026-01-01', days: 200, seed: 5 });
  const rows = [...data.activity].flatMap(([merchantId, days]) => days.map((d) => ({ merchantId, ...d })));
  writeFileSync(join(dir, 'activity.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
  writeFileSync(join(dir, 'ground-truth.json'), JSON.stringify({ dormant: data.truth }));

  /** The backtest command on the generated files as of 2026-05-20, plus `extra` flags. */
  const fileArgs = (...extra: string[]) => [
    'backtest',
    '--activity',
    join(dir, 'activity.jsonl'),
    '--truth',
    join(dir, 'ground-truth.json'),
    '--as-of',
    '2026-05-20',
    ...extra,
  ];

  it('should print the report as the last stdout line when given an activity file and ground truth', async () => {
    const io = new RecordingIo();
    const code = await runChurnCli(fileArgs('--horizon', '30'), io);
    expect(code).toBe(0);
    const report = JSON.parse(io.stdout.at(-1)!);
    expect(report).toMatchObject({ asOfDate: '2026-05-20', horizonDays: 30 });
    expect(report.score.auc).toBeGreaterThan(0.5);
    expect(typeof report.recency.topDecileLift).toBe('number');
    expect(io.stderr.join('\n')).toMatch(/improvement AUC/);
  });

  it('should report alerts and lead time per ranker and print the table under --target early-warning', async () => {
    const io = new RecordingIo();
    const code = await runChurnCli(fileArgs('--target', 'early-warning'), io);
    expect(code).toBe(0);
    const report = JSON.parse(io.stdout.at(-1)!);
    expect(report.target).toBe('early-warning');
    expect(report.earlyWarning.options.activeWithinDays).toBe(7);
    for (const name of ['score', 'recency']) {
      const r = report.earlyWarning.rankers[name];
      expect(r.leadTimeDays.alerted + r.leadTimeDays.missed).toBe(report.positives);
      expect(r.recall).toBeGreaterThanOrEqual(0);
    }
    expect(io.stderr.join('\n')).toMatch(/^recency .*alert: no approved transaction for >= 3 days/m);
  });

  it('should train the hazard model on the history up to --as-of and report it beside score and recency under --with hazard', async () => {
    const io = new RecordingIo();
    const code = await runChurnCli(fileArgs('--target', 'early-warning', '--with', 'hazard'), io);
    expect(code).toBe(0);
    const report = JSON.parse(io.stdout.at(-1)!);
    expect(report.hazardModel.version).toMatch(/^hazard-2026-05-20-v1\+(bgnbd|bgbb)$/);
    expect(report.hazardModel.training.calibrationAsOfDates.at(-1)).toBe('2026-03-21');
    // Wiring only: 600 merchants with 4 training weeks say little about quality (see tools/bench/early-warning.bench.ts).
    expect(report.others.hazard.auc).toBeGreaterThanOrEqual(0);
    expect(report.others.hazard.auc).toBeLessThanOrEqual(1);
    expect(report.earlyWarning.rankers.hazard.rule).toBe('pDormant30d >= 0.15');
  });

  it('should exit 2 on an unknown --target', async () => {
    const io = new RecordingIo();
    expect(
      await runChurnCli(
        ['backtest', '--activity', 'x', '--truth', 'y', '--as-of', '2026-05-20', '--target', 'churn'],
        io,
      ),
    ).toBe(2);
    expect(io.stderr[0]).toMatch(/--target must be one of dormant, silence, early-warning/);
  });

  it('should exit 2 when --as-of is not a date', async () => {
    const io = new RecordingIo();
    expect(
      await runChurnCli(['backtest', '--activity', 'x', '--truth', 'y', '--as-of', 'yesterday'], io),
    ).toBe(2);
    expect(io.stderr[0]).toMatch(/--as-of must be YYYY-MM-DD/);
  });

  it('should exit 1 with the cause when the truth file is missing', async () => {
    const io = new RecordingIo();
    expect(
      await runChurnCli(
        ['backtest', '--activity', 'x', '--truth', '/nonexistent.json', '--as-of', '2026-05-20'],
        io,
      ),
    ).toBe(1);
    expect(io.stderr.at(-1)).toMatch(/ENOENT/);
  });
});
