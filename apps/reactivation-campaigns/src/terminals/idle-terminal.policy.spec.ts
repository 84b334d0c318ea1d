import type { FleetTerminal } from './fleet.repository';
import { idleReason, utilisationOf } from './idle-terminal.policy';

const terminal = (over: Partial<FleetTerminal>): FleetTerminal => ({
  terminalId: 'T1',
  merchantId: 'M1',
  lastTransactedOn: '2026-03-01',
  assignedOn: '2026-01-01',
  merchantStatus: 'active',
  behaviourTier: 'active',
  ...over,
});

describe(idleReason.name, () => {
  it('should flag a terminal without an approved transaction for N days', () => {
    expect(idleReason(terminal({}), '2026-03-31', 30)).toBe('no_approved_transaction_for_30_days');
    expect(idleReason(terminal({}), '2026-03-30', 30)).toBeNull();
  });

  it('should count from assignment when the terminal never traded', () => {
    expect(idleReason(terminal({ lastTransactedOn: null }), '2026-02-05', 30)).toMatch(/35_days/);
  });

  it('should flag every terminal of a closed or dormant merchant at once', () => {
    expect(idleReason(terminal({ merchantStatus: 'closed' }), '2026-03-02', 30)).toBe('merchant_closed');
    expect(idleReason(terminal({ behaviourTier: 'dormant' }), '2026-03-02', 30)).toBe('merchant_dormant');
  });
});

describe(utilisationOf.name, () => {
  it('should be the share of assigned terminals that transacted in the last 30 days', () => {
    const fleet = [
      terminal({ terminalId: 'a', lastTransactedOn: '2026-03-30' }),
      terminal({ terminalId: 'b', lastTransactedOn: '2026-03-02' }),
      terminal({ terminalId: 'c', lastTransactedOn: '2026-03-01' }),
      terminal({ terminalId: 'd', lastTransactedOn: null }),
    ];
    expect(utilisationOf(fleet, '2026-03-31')).toEqual({ assigned: 4, transacted: 2, utilisation: 0.5 });
    expect(utilisationOf([], '2026-03-31').utilisation).toBeNull();
  });
});
