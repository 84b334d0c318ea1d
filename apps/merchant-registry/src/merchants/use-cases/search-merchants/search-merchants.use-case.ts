import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { PiiAccessAuditRepository, PiiAccessEntry } from '../../../pii-access/pii-access-audit.repository';
import { PiiSealer } from '../../../pii/pii.sealer';
import { BusinessRuleError } from '../../../shared/domain.errors';
import { MerchantView } from '../../dto/merchant.view';
import { MerchantRepository } from '../../merchant.repository';
import { presentMerchant } from '../../merchant.presenter';

/** At most this many merchants share one phone or ID number in an answer. */
const MAX_MATCHES = 50;

/**
 * Finds merchants by exact phone or resident ID through the blind index (every ring key's candidate,
 * never decryption). Every search is audited — who, when, which merchants matched (or that none did) —
 * before anything is answered; so is every reveal when the key also holds `pii:read`.
 */
@Injectable()
export class SearchMerchantsUseCase {
  constructor(
    private readonly merchants: MerchantRepository,
    private readonly sealer: PiiSealer,
    private readonly audit: PiiAccessAuditRepository,
    private readonly clock: Clock,
  ) {}

  async execute(query: {
    phone?: string;
    idNumber?: string;
    revealPii: boolean;
    actor: string;
  }): Promise<{ items: MerchantView[] }> {
    if ((query.phone === undefined) === (query.idNumber === undefined)) {
      throw new BusinessRuleError('one_search_key', 'give exactly one of phone or idNumber', 400);
    }
    const by = query.phone !== undefined ? 'phone' : 'idNumber';
    const rows = await this.merchants.list({
      phoneIndexes: query.phone !== undefined ? this.lookupKeys('phone', query.phone) : undefined,
      idNumberIndexes:
        query.idNumber !== undefined ? this.lookupKeys('id_number', query.idNumber) : undefined,
      limit: MAX_MATCHES,
    });
    const detail = `POST /v1/merchants/search by ${by}`;
    const entry = (merchantId: string | null, action: PiiAccessEntry['action']): PiiAccessEntry => ({
      actor: query.actor,
      action,
      merchantId,
      detail,
    });
    const entries = rows.length === 0 ? [entry(null, 'search')] : rows.map((m) => entry(m.id, 'search'));
    if (query.revealPii) entries.push(...rows.map((m) => entry(m.id, 'reveal')));
    await this.audit.append(entries, this.clock.now());
    return { items: rows.map((m) => presentMerchant(m, query.revealPii ? this.sealer : undefined)) };
  }

  private lookupKeys(kind: 'phone' | 'id_number', value: string): string[] {
    try {
      return this.sealer.lookupKeys(kind, value);
    } catch {
      return []; // not a mainland mobile or resident ID: nothing can match
    }
  }
}
