import type { SlaPolicy, SlaSetup, SlaTargets } from './sla-policy';

const H = 3600;
const t = (firstResponse: number, nextResponse: number, resolution: number): SlaTargets => ({
  first_response: firstResponse,
  next_response: nextResponse,
  resolution,
});
const officeHours = [{ start: '09:00', end: '18:00' }];

const standard: SlaPolicy = {
  id: 'standard',
  name: 'Standard (business hours of the ticket’s team)',
  calendarId: null,
  // Business seconds: a business day is 9 h on the default calendar.
  targets: {
    low: t(8 * H, 8 * H, 45 * H),
    normal: t(4 * H, 4 * H, 27 * H),
    high: t(1 * H, 2 * H, 9 * H),
    urgent: t(H / 2, 1 * H, 4 * H),
  },
  escalationLevels: 2,
};

const priority24x7: SlaPolicy = {
  id: 'priority-24x7',
  name: 'Priority, round the clock',
  calendarId: '24x7',
  targets: {
    low: t(2 * H, 4 * H, 48 * H),
    normal: t(1 * H, 2 * H, 24 * H),
    high: t(H / 2, 1 * H, 8 * H),
    urgent: t(H / 4, H / 2, 4 * H),
  },
  escalationLevels: 3,
};

/**
 * The SLA configuration a fresh database starts with (seeded by the SLA migration; edited afterwards
 * through `/v1/sla/*`). Rules run by position; the first match wins.
 */
export const DEFAULT_SLA_SETUP: SlaSetup = {
  calendars: [
    {
      id: 'cn-business-hours',
      name: 'China business hours (Mon–Fri 09:00–18:00 Asia/Shanghai, public holidays and make-up days)',
      timezone: 'Asia/Shanghai',
      mode: 'business_hours',
      weeklyHours: {
        mon: officeHours,
        tue: officeHours,
        wed: officeHours,
        thu: officeHours,
        fri: officeHours,
      },
      holidayRegion: 'CN',
    },
    { id: '24x7', name: 'Round the clock', timezone: 'Asia/Shanghai', mode: '24x7', weeklyHours: {} },
  ],
  policies: [standard, priority24x7],
  rules: [
    {
      id: 'at-risk-high-value',
      position: 10,
      description: 'at-risk high-value merchant (value tier high, behaviour at_risk/dormant/churned)',
      match: { valueTiers: ['high'], behaviourTiers: ['at_risk', 'dormant', 'churned'] },
      policyId: 'priority-24x7',
      minPriority: 'urgent',
    },
    {
      id: 'high-value-high-risk',
      position: 20,
      description: 'high-value merchant with a high or critical churn risk score',
      match: { valueTiers: ['high'], riskBands: ['high', 'critical'] },
      policyId: 'priority-24x7',
      minPriority: 'urgent',
    },
    {
      id: 'fee-complaint',
      position: 30,
      description: 'fee complaint (after a rate change merchants leave fastest)',
      match: { categories: ['fee_complaint'] },
      policyId: 'standard',
      minPriority: 'high',
    },
    {
      id: 'terminal-down',
      position: 40,
      description: 'terminal cannot take payments (device, card read, network)',
      match: { categories: ['device_fault', 'card_read_failure', 'network'] },
      policyId: 'standard',
      minPriority: 'high',
    },
    {
      id: 'campaign-fix-first',
      position: 50,
      description: 'fix-first hand-over from a reactivation campaign',
      match: { channels: ['campaign'] },
      policyId: 'standard',
      minPriority: 'high',
    },
  ],
};

/** The calendar of teams without their own. */
export const DEFAULT_CALENDAR_ID = 'cn-business-hours';
