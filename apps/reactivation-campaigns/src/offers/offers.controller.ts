import {
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes, ApiStandardErrors } from '@merchant-pulse/http';
import { SendRecord, SendRecordRepository } from '../outreach/send-record.repository';
import { OfferAcceptance } from './offer-acceptance.repository';
import { AcceptOfferUseCase } from './use-cases/accept-offer/accept-offer.use-case';

/** Send records (what outreach did for one step of one merchant) and accepting their offers. */
@ApiTags('outreach')
@ApiBearerAuth('api-key')
@ApiStandardErrors()
@Controller('v1/outreach-sends')
export class OffersController {
  constructor(
    private readonly records: SendRecordRepository,
    private readonly acceptOffer: AcceptOfferUseCase,
  ) {}

  @Get(':id')
  @RequireScopes('campaigns:read')
  @ApiOperation({ summary: 'One send record: state, skip reason, channel, masked address, rendered content' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<SendRecord> {
    const record = await this.records.findById(id);
    if (!record) throw new NotFoundException(`outreach send ${id} not found`);
    return record;
  }

  @Post(':id/offer-acceptance')
  @HttpCode(200)
  @RequireScopes('campaigns:write')
  @ApiOperation({
    summary: "Accept the step's offer: a fee offer becomes a temporary registry promotion (idempotent)",
  })
  async accept(@Param('id', ParseUUIDPipe) id: string): Promise<OfferAcceptance> {
    const record = await this.records.findById(id);
    if (!record) throw new NotFoundException(`outreach send ${id} not found`);
    if (!record.offer)
      throw new UnprocessableEntityException({ code: 'no_offer', message: 'the step carries no offer' });
    if (!['sent', 'delivered'].includes(record.state)) {
      throw new UnprocessableEntityException({ code: 'not_sent', message: 'the offer was never sent' });
    }
    const acceptance = await this.acceptOffer.execute({
      campaignId: record.campaignId,
      merchantId: record.merchantId,
      stepIndex: record.stepIndex,
      offer: record.offer,
      source: 'api',
    });
    if (acceptance.state === 'refused_margin') {
      throw new UnprocessableEntityException({ code: 'offer_over_margin', message: acceptance.detail });
    }
    return acceptance;
  }
}
