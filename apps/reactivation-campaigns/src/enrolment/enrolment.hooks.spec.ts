import { MERCHANT_STATUSES } from '@merchant-pulse/contracts';
import { endsEnrolments } from './enrolment.hooks';

describe(endsEnrolments.name, () => {
  it('should end enrolments when the merchant leaves active', () => {
    expect(endsEnrolments({ from: 'active', to: 'suspended' })).toBe(true);
    expect(endsEnrolments({ from: 'active', to: 'closed' })).toBe(true);
  });

  it('should end enrolments when the merchant is closed from any status', () => {
    for (const from of MERCHANT_STATUSES.filter((s) => s !== 'closed')) {
      expect(endsEnrolments({ from, to: 'closed' })).toBe(true);
    }
  });

  it('should keep enrolments through onboarding steps the projection learns after the enrolment', () => {
    const onboarding: Array<[string, string]> = [
      ['draft', 'submitted'],
      ['submitted', 'under_review'],
      ['under_review', 'approved'],
      ['under_review', 'rejected'],
      ['approved', 'active'],
      ['suspended', 'active'],
    ];
    for (const [from, to] of onboarding) expect(endsEnrolments({ from, to })).toBe(false);
  });
});
