import {
  CareCadence,
  CareCandidate,
  cycleOf,
  lowFeatureUse,
  needsFollowUp,
  planVisit,
  quarterOf,
} from './care-schedule.policy';

const cadence: CareCadence = { newMerchantVisitDays: 30, vipVisitMonths: 3, activeVisitMonths: 6 };

const merchant = (patch: Partial<CareCandidate> = {}): CareCandidate => ({
  merchantId: 'M-1',
  status: 'active',
  valueTier: 'mid',
  membershipTier: 'standard',
  firstApprovedDate: '2026-01-10',
  lastApprovedDate: '2026-02-08',
  lastVisitDate: null,
  hadNewMerchantVisit: false,
  ...patch,
});

describe('care visit scheduling rules', () => {
  it('should plan the new-merchant call exactly when the first month after the first trading day is over', () => {
    expect(planVisit(merchant(), '2026-02-08', cadence)).toBeNull();
    expect(planVisit(merchant(), '2026-02-09', cadence)).toEqual({
      kind: 'new_merchant',
      cycleKey: 'first-month',
      channel: 'phone_task',
      fallbackChannels: [],
    });
  });

  it('should not call a merchant new when it started trading long before the programme', () => {
    const old = merchant({ firstApprovedDate: '2025-01-10', lastApprovedDate: '2026-02-01' });
    expect(planVisit(old, '2026-02-09', cadence)).toMatchObject({ kind: 'active', cycleKey: '2026-6m1' });
  });

  it('should visit VIP members and high-value merchants quarterly, once per quarter', () => {
    const vip = merchant({ membershipTier: 'vip', hadNewMerchantVisit: true, lastVisitDate: '2026-02-09' });
    expect(planVisit(vip, '2026-03-20', cadence)).toBeNull();
    expect(planVisit(vip, '2026-04-01', cadence)).toEqual({
      kind: 'vip',
      cycleKey: '2026-Q2',
      channel: 'phone_task',
      fallbackChannels: [],
    });
    const high = merchant({ valueTier: 'high', hadNewMerchantVisit: true, lastVisitDate: '2026-04-02' });
    expect(planVisit(high, '2026-05-15', cadence)).toBeNull();
    expect(planVisit(high, '2026-07-01', cadence)).toMatchObject({ kind: 'vip', cycleKey: '2026-Q3' });
  });

  it('should visit other merchants on the active cadence only while they trade, and none when it is 0', () => {
    const other = merchant({ hadNewMerchantVisit: true, lastVisitDate: '2026-02-09' });
    expect(planVisit(other, '2026-06-30', cadence)).toBeNull();
    expect(planVisit({ ...other, lastApprovedDate: '2026-06-29' }, '2026-07-01', cadence)).toMatchObject({
      kind: 'active',
      cycleKey: '2026-6m2',
    });
    expect(planVisit({ ...other, lastApprovedDate: '2026-05-01' }, '2026-07-01', cadence)).toBeNull();
    expect(
      planVisit({ ...other, lastApprovedDate: '2026-06-29' }, '2026-07-01', {
        ...cadence,
        activeVisitMonths: 0,
      }),
    ).toBeNull();
  });

  it('should send low-value merchants an SMS with email fallback, unless they are gold or VIP', () => {
    expect(planVisit(merchant({ valueTier: 'low' }), '2026-02-09', cadence)).toMatchObject({
      channel: 'sms',
      fallbackChannels: ['email'],
    });
    expect(
      planVisit(merchant({ valueTier: 'low', membershipTier: 'gold' }), '2026-02-09', cadence),
    ).toMatchObject({ channel: 'phone_task' });
  });

  it('should never visit a merchant that is not active or never traded', () => {
    expect(planVisit(merchant({ status: 'suspended' }), '2026-02-09', cadence)).toBeNull();
    expect(planVisit(merchant({ firstApprovedDate: null }), '2026-02-09', cadence)).toBeNull();
  });

  it('should name calendar cycles and quarters from the local date', () => {
    expect(cycleOf('2026-11-30', 3)).toEqual({ key: '2026-Q4', start: '2026-10-01' });
    expect(cycleOf('2026-11-30', 6)).toEqual({ key: '2026-6m2', start: '2026-07-01' });
    expect(cycleOf('2026-01-01', 1)).toEqual({ key: '2026-1m1', start: '2026-01-01' });
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
  });

  it('should follow up scores of 2 and below only', () => {
    expect([1, 2, 3, 4, 5].map(needsFollowUp)).toEqual([true, true, false, false, false]);
  });

  it('should flag low feature use when a trading merchant never used QR, not when it did or barely traded', () => {
    expect(lowFeatureUse({ credit: 20, debit: 3 })).toBe('never_used_qr');
    expect(lowFeatureUse({ credit: 20, qr_wechat: 1 })).toBeNull();
    expect(lowFeatureUse({ credit: 2 })).toBeNull();
  });
});
