import { slaLine } from './tickets-step';

describe(slaLine.name, () => {
  it('should print attainment and business-hour times per kind, then breaches by team', () => {
    const line = slaLine({
      from: '2026-09-29T00:00:00.000Z',
      to: '2026-09-30T00:00:00.000Z',
      teamId: null,
      tickets: 8,
      kinds: [
        {
          kind: 'first_response',
          concluded: 8,
          met: 8,
          attainmentPct: 100,
          medianBusinessHours: 0.1667,
          p90BusinessHours: 0.1667,
        },
        {
          kind: 'resolution',
          concluded: 0,
          met: 0,
          attainmentPct: null,
          medianBusinessHours: null,
          p90BusinessHours: null,
        },
      ],
      breaches: [{ kind: 'next_response', teamId: 'device-l2', tickets: 1, breaches: 2 }],
    });
    expect(line).toBe(
      'SLA over 8 tickets, business hours: first response 8/8 met (median 0.17 h, p90 0.17 h); ' +
        'resolution 0/0 met; breaches: next response 2 (device-l2)',
    );
  });

  it('should say none when nothing breached', () => {
    expect(slaLine({ from: '', to: '', teamId: null, tickets: 0, kinds: [], breaches: [] })).toBe(
      'SLA over 0 tickets, business hours: nothing concluded; breaches: none',
    );
  });
});
