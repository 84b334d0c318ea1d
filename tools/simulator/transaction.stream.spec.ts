import { parseRawTransaction } from '@merchant-pulse/contracts';
import { GroundTruthRecorder } from './ground-truth.recorder';
import { CARD_READ_FAILURE_RESPONSE_CODE } from './rhythm.profiles';
import { localHourOf } from './sim-calendar';
import { SimMessage, simulateStream } from './transaction.stream';
import { generateWorld } from './world.generator';

const world = generateWorld({ merchants: 150, seed: 7 });
const START = '2026-09-01'; // a Tuesday
const DAYS = 60;
const messages: SimMessage[] = [...simulateStream(world, { start: START, days: DAYS })];
const events = messages.filter((m) => m.kind === 'event');

describe(simulateStream.name, () => {
  it('should produce byte-identical traffic when the world and start are the same', () => {
    const again = [...simulateStream(world, { start: START, days: 3 })].map((m) => m.value);
    expect(again).toEqual(messages.filter((m) => m.day < 3).map((m) => m.value));
  });

  it('should produce events parseRawTransaction accepts when they are not malformed', () => {
    const wrong = messages.filter((m) => {
      const parsed = parseRawTransaction(m.value);
      return m.kind === 'malformed' ? parsed.ok || parsed.reason !== m.malformedReason : !parsed.ok;
    });
    expect(messages.length).toBeGreaterThan(100_000);
    expect(wrong).toEqual([]);
  });

  it('should repeat the exact bytes of an earlier event when delivering a duplicate', () => {
    const duplicates = messages.filter((m) => m.kind === 'duplicate');
    const firstSeen = new Map(events.map((m) => [m.tx!.transactionId, m.value]));
    expect(duplicates.length / events.length).toBeGreaterThan(0.003);
    expect(duplicates.length / events.length).toBeLessThan(0.007);
    expect(duplicates.filter((d) => d.value !== firstSeen.get(d.tx!.transactionId))).toEqual([]);
    expect(firstSeen.size).toBe(events.length);
  });

  it('should include about 0.2% malformed messages when generating traffic', () => {
    const malformed = messages.filter((m) => m.kind === 'malformed').length;
    expect(malformed / events.length).toBeGreaterThan(0.001);
    expect(malformed / events.length).toBeLessThan(0.0035);
  });

  it('should concentrate restaurant traffic at lunch and dinner when sampling hours', () => {
    const restaurant = new Set(
      world.merchants.filter((m) => m.category === 'restaurant').map((m) => m.index),
    );
    const hours = events
      .filter((m) => restaurant.has(m.merchantIndex))
      .map((m) => localHourOf(m.tx!.occurredAtMs));
    const peak = hours.filter((h) => (h >= 11 && h <= 13) || (h >= 17 && h <= 20)).length;
    expect(peak / hours.length).toBeGreaterThan(0.6);
    expect(hours.filter((h) => h >= 2 && h <= 5).length / hours.length).toBeLessThan(0.005);
  });

  it('should make restaurants busier and services quieter when it is the weekend', () => {
    const perDay = (category: string, weekend: boolean) => {
      const ids = new Set(
        world.merchants
          .filter((m) => m.category === category && m.scenario.kind === 'healthy')
          .map((m) => m.index),
      );
      // Day 0 is Tuesday 2026-09-01: days 4 and 5 (mod 7) are Saturday and Sunday.
      const isWeekend = (day: number) => day % 7 === 4 || day % 7 === 5;
      const count = events.filter((m) => ids.has(m.merchantIndex) && isWeekend(m.day) === weekend).length;
      return count / (weekend ? 2 * Math.ceil(DAYS / 7) : DAYS - 2 * Math.ceil(DAYS / 7));
    };
    expect(perDay('restaurant', true)).toBeGreaterThan(perDay('restaurant', false) * 1.2);
    expect(perDay('services', true)).toBeLessThan(perDay('services', false) * 0.5);
  });

  it('should decline 2 to 4% of purchases and use QR channels for most payments', () => {
    const purchases = events.filter((m) => m.tx!.type === 'purchase');
    const issuerDeclines = purchases.filter(
      (m) => m.tx!.status === 'declined' && m.tx!.responseCode !== CARD_READ_FAILURE_RESPONSE_CODE,
    );
    expect(issuerDeclines.length / purchases.length).toBeGreaterThan(0.02);
    expect(issuerDeclines.length / purchases.length).toBeLessThan(0.04);
    const qr = purchases.filter((m) => m.tx!.channel === 'qr_alipay' || m.tx!.channel === 'qr_wechat').length;
    expect(qr / purchases.length).toBeGreaterThan(0.6);
  });

  it('should refer refunds and reversals to an approved purchase of the same merchant', () => {
    const byId = new Map(events.map((m) => [m.tx!.transactionId, m]));
    const followUps = events.filter((m) => m.tx!.type !== 'purchase');
    expect(followUps.length).toBeGreaterThan(50);
    for (const f of followUps) {
      const original = byId.get(f.tx!.originalTransactionId!)!;
      expect(original.tx).toMatchObject({ type: 'purchase', status: 'approved' });
      expect(original.merchantIndex).toBe(f.merchantIndex);
      expect(f.tx!.amountMinor).toBeLessThanOrEqual(original.tx!.amountMinor);
    }
  });

  it('should see no approved transaction on or after the recorded dormancy day of a stopping merchant', () => {
    const recorder = new GroundTruthRecorder(world, START, DAYS);
    messages.forEach((m) => recorder.observe(m));
    const report = recorder.report();
    expect(report.dormantMerchants.length).toBe(
      world.plannedTruth.gradualDecline.length + world.plannedTruth.abruptStop.length,
    );
    for (const d of report.dormantMerchants) {
      const approvedDates = events
        .filter((m) => m.key === d.merchantId && m.tx!.status === 'approved')
        .map((m) => new Date(m.tx!.occurredAtMs + 8 * 3_600_000).toISOString().slice(0, 10));
      expect(d.dormancyDay).not.toBeNull();
      expect(d.dormancyDay! <= d.plannedStopDate).toBe(true);
      expect(approvedDates.every((date) => date < d.dormancyDay!)).toBe(true);
      expect(d.confirmedWithinSpan).toBe(true);
    }
  });

  it('should raise card-read failures on a failing terminal only from its recorded start day', () => {
    const recorder = new GroundTruthRecorder(world, START, DAYS);
    messages.forEach((m) => recorder.observe(m));
    const { failingTerminals } = recorder.report();
    expect(failingTerminals.length).toBeGreaterThan(0);
    for (const t of failingTerminals) {
      const onTerminal = events.filter((m) => m.tx!.terminalId === t.terminalId && m.tx!.entryMode !== 'qr');
      const failuresBefore = onTerminal.filter(
        (m) =>
          m.tx!.responseCode === 'CR' && m.tx!.occurredAtMs < Date.parse(`${t.startDate}T00:00:00+08:00`),
      );
      expect(failuresBefore.length).toBeLessThanOrEqual(2);
      expect(t.failuresObserved).toBeGreaterThan(0);
    }
  });

  it('should account every message as an event, a duplicate or a malformed one', () => {
    const recorder = new GroundTruthRecorder(world, START, DAYS);
    messages.forEach((m) => recorder.observe(m));
    const { totals, merchants } = recorder.report();
    expect(totals.messages).toBe(messages.length);
    expect(totals.events + totals.duplicates + totals.malformed.total).toBe(totals.messages);
    const sum = Object.values(merchants).reduce((s, m) => s + m.approvedPurchases.amountMinor, 0);
    expect(sum).toBe(totals.approvedPurchaseAmountMinor);
  });
});
