import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { MerchantRepository } from '../../../merchants/merchant.repository';
import type { ContactChannel } from '../../../merchants/merchant.vocabulary';
import { PiiAccessAuditRepository } from '../../../pii-access/pii-access-audit.repository';
import { PiiSealer } from '../../../pii/pii.sealer';
import { NotFoundError } from '../../../shared/domain.errors';
import { OutreachContactView } from '../../dto/outreach-contact.view';

/** `GET /v1/merchants/{id}/outreach-contact?channel=`: what an outreach sender needs, for one channel. */
export interface GetOutreachContactQuery {
  merchantId: string;
  channel: ContactChannel;
  actor: string;
}

/**
 * The one address of one channel a sender needs at send time, with the consent for that channel
 * (service and marketing) and the merchant's status and quiet hours. Narrower than `pii:read`: one
 * field, one channel, and the reveal is audited first (no unaudited access). A channel without an
 * address (no email on file) answers `address: null` without revealing anything.
 */
@Injectable()
export class GetOutreachContactUseCase {
  constructor(
    private readonly merchants: MerchantRepository,
    private readonly sealer: PiiSealer,
    private readonly audit: PiiAccessAuditRepository,
    private readonly clock: Clock,
  ) {}

  async execute(query: GetOutreachContactQuery): Promise<OutreachContactView> {
    const merchant = await this.merchants.findById(query.merchantId);
    if (!merchant) throw new NotFoundError('merchant', query.merchantId);
    const token = query.channel === 'email' ? merchant.emailEnc : merchant.phoneEnc;
    const masked = query.channel === 'email' ? merchant.emailMasked : merchant.phoneMasked;
    if (token != null) {
      await this.audit.append(
        [
          {
            actor: query.actor,
            action: 'reveal',
            merchantId: merchant.id,
            detail: `GET /v1/merchants/{id}/outreach-contact ${query.channel}`,
          },
        ],
        this.clock.now(),
      );
    }
    return {
      merchantId: merchant.id,
      status: merchant.status,
      displayName: merchant.displayName,
      contactName: merchant.contactName,
      timezone: merchant.timezone,
      channel: query.channel,
      address: token != null ? this.sealer.open(token) : null,
      addressMasked: masked,
      consent: { ...merchant.consent[query.channel] },
      quietHours: { start: merchant.quietHoursStart, end: merchant.quietHoursEnd },
    };
  }
}
