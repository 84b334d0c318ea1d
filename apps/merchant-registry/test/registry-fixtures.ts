import { bankCardFixture, creditCodeFixture, residentIdFixture } from '../src/identity/identity.fixtures';

let n = 0;

/** A valid individual application. */
export function individualApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  n += 1;
  return {
    merchantId: `MI${Date.now().toString(36)}${n}`.toUpperCase(),
    kind: 'individual',
    legalName: '王小明便利店',
    category: 'retail',
    city: 'Hangzhou',
    region: 'East China',
    contact: { name: '王小明', phone: `1391234${String(1000 + n).slice(-4)}`, email: 'wang@example.com' },
    idNumber: residentIdFixture('330106', '19880512', String(100 + n).slice(-3)),
    settlementCard: { number: bankCardFixture(), bankName: 'ICBC' },
    consents: [{ channel: 'sms', purpose: 'marketing', granted: true }],
    ...overrides,
  };
}

/** A valid business application (company unless `businessType` overrides). */
export function businessApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  n += 1;
  return {
    merchantId: `MB${Date.now().toString(36)}${n}`.toUpperCase(),
    kind: 'business',
    businessType: 'company',
    legalName: '上海老街小笼包餐饮有限公司',
    displayName: 'Old Street Dumplings',
    category: 'restaurant',
    city: 'Shanghai',
    region: 'East China',
    contact: { name: '张三', phone: `1381234${String(1000 + n).slice(-4)}`, preferredChannel: 'phone' },
    idNumber: residentIdFixture('310115', '19800101', String(100 + n).slice(-3)),
    creditCode: creditCodeFixture(),
    settlementCard: { number: bankCardFixture('622848001234567') },
    terminalAddress: '上海市浦东新区世纪大道100号1层',
    ...overrides,
  };
}
