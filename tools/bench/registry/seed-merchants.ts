import { BEHAVIOUR_TIERS, VALUE_TIERS } from '@merchant-pulse/contracts';
import { DataSource } from 'typeorm';
import { emptyConsent } from '../../../apps/merchant-registry/src/contacts/consent.derivation';
import { MerchantRecord } from '../../../apps/merchant-registry/src/merchants/merchant.record';
import { MerchantRepository } from '../../../apps/merchant-registry/src/merchants/merchant.repository';
import { buildMerchantRecord } from '../../../apps/merchant-registry/src/merchants/merchant.factory';
import { PiiSealer } from '../../../apps/merchant-registry/src/pii/pii.sealer';
import {
  bankCardFixture,
  residentIdFixture,
} from '../../../apps/merchant-registry/src/identity/identity.fixtures';

const CITIES = ['Shanghai', 'Beijing', 'Hangzhou', 'Shenzhen', 'Chengdu', 'Wuhan'];
const BATCH = 2000;

/** The id of the i-th seeded merchant. */
export function benchMerchantId(i: number): string {
  return `B${String(i).padStart(9, '0')}`;
}

/**
 * Seeds `count` merchants through the app's own record factory (PII sealed exactly as registration
 * does) and repository (multi-row JSON inserts of BATCH rows), with tiers spread over every value.
 */
export async function seedMerchants(ds: DataSource, sealer: PiiSealer, count: number): Promise<void> {
  const repository = new MerchantRepository(ds);
  const base = Date.parse('2025-01-01T00:00:00Z');
  for (let start = 0; start < count; start += BATCH) {
    const records: MerchantRecord[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) records.push(benchRecord(sealer, i, base));
    await ds.transaction((manager) => repository.insertMany(manager, records));
  }
  await ds.query('ANALYZE merchants');
}

function benchRecord(sealer: PiiSealer, i: number, base: number): MerchantRecord {
  const now = new Date(base + i * 60_000);
  const record = buildMerchantRecord(
    sealer,
    {
      kind: i % 3 === 0 ? 'business' : 'individual',
      legalName: `Bench Merchant ${i}`,
      category: (['restaurant', 'retail', 'services', 'other'] as const)[i % 4]!,
      city: CITIES[i % CITIES.length]!,
      region: 'East China',
      contact: {
        name: `Owner ${i}`,
        phone: `13${String(100_000_000 + i).slice(-9)}`,
        email: `m${i}@example.com`,
      },
      idNumber: residentIdFixture('110105', '19900307', String(i % 1000).padStart(3, '0')),
      settlementCard: { number: bankCardFixture(`62220210${String(i).padStart(10, '0')}`) },
      terminalAddress: i % 3 === 0 ? `Shop ${i}` : undefined,
      creditCode: undefined,
      actor: 'bench',
    },
    benchMerchantId(i),
    emptyConsent(),
    now,
  );
  return {
    ...record,
    status: 'active',
    behaviourTier: BEHAVIOUR_TIERS[i % BEHAVIOUR_TIERS.length]!,
    valueTier: VALUE_TIERS[i % VALUE_TIERS.length]!,
    riskScore: i % 101,
    riskAsOf: now,
  };
}
