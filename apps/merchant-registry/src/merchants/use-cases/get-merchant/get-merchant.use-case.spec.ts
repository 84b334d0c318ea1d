import { FakeClock } from '@merchant-pulse/clock';
import { emptyConsent } from '../../../contacts/consent.derivation';
import { PiiAccessAuditRepository, PiiAccessEntry } from '../../../pii-access/pii-access-audit.repository';
import { bankCardFixture, residentIdFixture } from '../../../identity/identity.fixtures';
import { developmentKeyRing, PiiBlindIndex, PiiCipher, PiiSealer } from '../../../pii';
import { NotFoundError } from '../../../shared/domain.errors';
import { SEALED_PII_FIELDS, MaskedMerchantRecord, MerchantRecord } from '../../merchant.record';
import { MerchantRepository } from '../../merchant.repository';
import { buildMerchantRecord } from '../../merchant.factory';
import { GetMerchantUseCase } from './get-merchant.use-case';

const ring = developmentKeyRing();
const sealer = new PiiSealer(new PiiCipher(ring), new PiiBlindIndex(ring));
const PHONE = '13812345678';

/** The two reads of the repository, over one stored merchant; the masked one drops the sealed columns. */
class FakeReads {
  readonly calls: string[] = [];
  constructor(private readonly stored: MerchantRecord) {}
  async findById(id: string): Promise<MerchantRecord | null> {
    this.calls.push('findById');
    return id === this.stored.id ? this.stored : null;
  }
  async findMaskedById(id: string): Promise<MaskedMerchantRecord | null> {
    this.calls.push('findMaskedById');
    if (id !== this.stored.id) return null;
    // As row_to_json returns it: no sealed columns, timestamps as ISO strings.
    const masked: Record<string, unknown> = {
      ...this.stored,
      riskAsOf: this.stored.riskAsOf?.toISOString() ?? null,
      createdAt: this.stored.createdAt.toISOString(),
      updatedAt: this.stored.updatedAt.toISOString(),
    };
    for (const field of SEALED_PII_FIELDS) delete masked[field];
    return masked as MaskedMerchantRecord;
  }
}

/** The audit, recording what would be appended. */
class FakeAudit {
  readonly entries: PiiAccessEntry[] = [];
  async append(entries: readonly PiiAccessEntry[]): Promise<void> {
    this.entries.push(...entries);
  }
}

function setup(): { useCase: GetMerchantUseCase; reads: FakeReads; audit: FakeAudit } {
  const record = buildMerchantRecord(
    sealer,
    {
      kind: 'individual',
      legalName: 'Shop',
      category: 'retail',
      city: 'Hangzhou',
      region: 'East',
      contact: { name: 'Wang', phone: PHONE },
      idNumber: residentIdFixture(),
      settlementCard: { number: bankCardFixture() },
      actor: 'test',
    },
    'M1',
    emptyConsent(),
    new Date('2026-01-05T08:00:00Z'),
  );
  const reads = new FakeReads(record);
  const audit = new FakeAudit();
  const useCase = new GetMerchantUseCase(
    reads as unknown as MerchantRepository,
    sealer,
    audit as unknown as PiiAccessAuditRepository,
    new FakeClock('2026-03-01T00:00:00Z'),
  );
  return { useCase, reads, audit };
}

describe(GetMerchantUseCase.name, () => {
  it('should answer masked PII without reading sealed columns when the caller lacks pii:read', async () => {
    const { useCase, reads, audit } = setup();

    const view = await useCase.execute({ merchantId: 'M1', revealPii: false, actor: 'ops' });

    expect(reads.calls).toEqual(['findMaskedById']);
    expect(audit.entries).toEqual([]);
    expect(view.piiMasked).toBe(true);
    expect(view.contact.phone).not.toBe(PHONE);
    expect(view.contact.phone).toContain('****');
    expect(view.contact.email).toBeNull();
    expect(view.createdAt).toBe('2026-01-05T08:00:00.000Z');
  });

  it('should decrypt PII and audit the reveal when the caller holds pii:read', async () => {
    const { useCase, reads, audit } = setup();

    const view = await useCase.execute({ merchantId: 'M1', revealPii: true, actor: 'ops' });

    expect(reads.calls).toEqual(['findById']);
    expect(audit.entries).toEqual([
      { actor: 'ops', action: 'reveal', merchantId: 'M1', detail: 'GET /v1/merchants/{id}' },
    ]);
    expect(view.piiMasked).toBe(false);
    expect(view.contact.phone).toBe(PHONE);
  });

  it.each([false, true])(
    'should throw NotFoundError when the merchant does not exist (revealPii %p)',
    async (revealPii) => {
      const { useCase } = setup();

      await expect(useCase.execute({ merchantId: 'nope', revealPii, actor: 'ops' })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    },
  );
});
