import { addDays, duration, mask, money, todayIn } from './format';
import { slaState, TicketRow } from './sla';

describe('console formatting', () => {
  it('should show fen as yuan with two decimals, exactly, when amounts are large or negative', () => {
    expect(money(123456, 'en')).toBe('¥1,234.56');
    expect(money(5, 'zh-CN')).toBe('¥0.05');
    expect(money(-1999, 'en')).toBe('-¥19.99');
    expect(money(900_719_925_474_099, 'en')).toBe('¥9,007,199,254,740.99');
    expect(money(null, 'en')).toBe('—');
  });

  it('should mask phones, ID numbers and e-mails but keep what is already masked', () => {
    expect(mask('13912341001')).toBe('139****1001');
    expect(mask('330106198805121018')).toBe('330***********1018');
    expect(mask('wang@example.com')).toBe('w***@example.com');
    expect(mask('139****1001')).toBe('139****1001');
  });

  it('should count down in hours and minutes and show overdue time as negative', () => {
    expect(duration(26 * 3_600_000 + 5 * 60_000)).toBe('1d 2h 05m');
    expect(duration(-90 * 60_000)).toBe('-1h 30m');
  });

  it("should take today's date in the merchant's timezone, not the browser's", () => {
    const instant = new Date('2026-03-01T17:00:00Z');
    expect(todayIn('Asia/Shanghai', instant)).toBe('2026-03-02');
    expect(todayIn('UTC', instant)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('SLA state', () => {
  const ticket = (overrides: Partial<TicketRow> = {}): TicketRow => ({
    id: 't1',
    merchantId: 'm1',
    category: 'other',
    priority: 'normal',
    status: 'open',
    subject: 's',
    teamId: 'team',
    assigneeId: null,
    firstResponseDueAt: null,
    resolutionDueAt: '2026-03-02T10:00:00.000Z',
    openedAt: '2026-03-02T00:00:00.000Z',
    resolvedAt: null,
    verifiedBy: null,
    ...overrides,
  });

  it('should be ok early, warning in the last quarter and breached after the due instant', () => {
    expect(slaState(ticket(), Date.parse('2026-03-02T01:00:00Z')).state).toBe('ok');
    expect(slaState(ticket(), Date.parse('2026-03-02T08:00:00Z')).state).toBe('warning');
    const late = slaState(ticket(), Date.parse('2026-03-02T11:00:00Z'));
    expect(late).toEqual({ state: 'breached', remainingMs: -3_600_000 });
  });

  it('should have no timer when the ticket is resolved', () => {
    expect(slaState(ticket({ status: 'resolved' }), Date.parse('2026-03-03T00:00:00Z')).state).toBe('none');
  });
});
