import type { MerchantContext } from '../../merchants/merchant-context';
import type { CampaignStep } from '../outreach-scheduler';
import {
  capReached,
  contactSkipReason,
  fixFirstFinding,
  statusSkipReason,
  targetingSkipReason,
} from './outreach-guards';

const context = (patch: Partial<MerchantContext> = {}): MerchantContext => ({
  merchantId: 'M-1',
  status: 'active',
  kind: 'individual',
  legalEntityId: 'LE-1',
  displayName: '老王面馆',
  timezone: 'Asia/Shanghai',
  region: null,
  city: null,
  category: 'restaurant',
  behaviourTier: 'dormant',
  valueTier: 'high',
  riskBand: 'high',
  riskScore: 0.8,
  reasonCodes: ['inactive_days'],
  lastApprovedDate: null,
  hourHistogram: new Array(24).fill(0),
  channelMix: {},
  trailingFeeMinor: 0,
  trailingVolumeMinor: 0,
  openTickets: [],
  degradedTerminals: [],
  ...patch,
});
const step = (patch: Partial<CampaignStep> = {}): CampaignStep => ({
  index: 0,
  channel: 'sms',
  fallbackChannels: [],
  delayDays: 0,
  templateId: 'reactivation-default',
  purpose: 'marketing',
  onlyIfNotReactivated: true,
  valueTiers: [],
  ...patch,
});

describe('outreach guards', () => {
  it('should skip merchants that are not active with a reason per status', () => {
    expect(statusSkipReason('active')).toBeNull();
    expect(statusSkipReason('suspended')).toBe('merchant_suspended');
    expect(statusSkipReason('closed')).toBe('merchant_closed');
    expect(statusSkipReason('under_review')).toBe('merchant_not_active');
  });

  it('should skip a step limited to other value tiers and one after the merchant reactivated', () => {
    expect(targetingSkipReason(step({ valueTiers: ['high'] }), context())).toBeNull();
    expect(targetingSkipReason(step({ valueTiers: ['high'] }), context({ valueTier: 'low' }))).toBe(
      'not_targeted',
    );
    expect(targetingSkipReason(step(), context({ behaviourTier: 'reactivated' }))).toBe('reactivated');
    expect(
      targetingSkipReason(step({ onlyIfNotReactivated: false }), context({ behaviourTier: 'reactivated' })),
    ).toBeNull();
  });

  it('should suppress a promotion when a card-read ticket is open', () => {
    const open = context({
      openTickets: [
        { ticketId: 'TK-1', category: 'fee_question', openedAt: '2026-04-01T00:00:00Z' },
        { ticketId: 'TK-2', category: 'card_read_failure', openedAt: '2026-04-02T00:00:00Z' },
      ],
    });
    expect(fixFirstFinding('marketing', open)).toEqual({
      category: 'card_read_failure',
      openTicketIds: ['TK-2'],
      degradedTerminalIds: [],
    });
  });

  it('should suppress a promotion when a terminal is degraded and map its kind to a ticket category', () => {
    const degraded = context({
      degradedTerminals: [{ terminalId: 'T-9', kind: 'silent', since: '2026-04-01T00:00:00Z' }],
    });
    expect(fixFirstFinding('marketing', degraded)).toMatchObject({
      category: 'network',
      degradedTerminalIds: ['T-9'],
    });
  });

  it('should not suppress service notices or merchants with only non-technical tickets', () => {
    const degraded = context({
      degradedTerminals: [{ terminalId: 'T-9', kind: 'declines', since: '2026-04-01T00:00:00Z' }],
    });
    expect(fixFirstFinding('service', degraded)).toBeNull();
    const feeTicket = context({
      openTickets: [{ ticketId: 'TK-1', category: 'fee_complaint', openedAt: '2026-04-01T00:00:00Z' }],
    });
    expect(fixFirstFinding('marketing', feeTicket)).toBeNull();
  });

  it('should cap marketing at the configured count and never cap service notices', () => {
    expect(capReached('marketing', 1, 2)).toBe(false);
    expect(capReached('marketing', 2, 2)).toBe(true);
    expect(capReached('service', 10, 2)).toBe(false);
  });

  it('should require consent for the purpose before looking at the address', () => {
    const contact = { address: '13800138000', consent: { service: true, marketing: false } };
    expect(contactSkipReason(contact, 'marketing')).toBe('no_consent');
    expect(contactSkipReason(contact, 'service')).toBeNull();
    expect(contactSkipReason({ ...contact, address: null }, 'service')).toBe('no_contact');
  });
});
