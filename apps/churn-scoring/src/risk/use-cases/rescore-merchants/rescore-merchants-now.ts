import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { EntityManager } from 'typeorm';
import { lastCompleteLocalDate } from '../../../activity/daily-activity';
import { ChurnScoringConfig } from '../../../config/churn-scoring.config';
import { RescoreMerchantsCommand } from './rescore-merchants.command';
import { RescoreMerchantsUseCase, RescoreOutcome } from './rescore-merchants.use-case';

/** Rescoring triggered by events: the touched merchants, as of the clock's last complete local day. */
@Injectable()
export class RescoreTouchedMerchants {
  constructor(
    private readonly rescore: RescoreMerchantsUseCase,
    private readonly clock: Clock,
    private readonly config: ChurnScoringConfig,
  ) {}

  /** Rescores in the caller's transaction, so the new facts and the new score commit together. */
  async execute(manager: EntityManager, merchantIds: readonly string[]): Promise<RescoreOutcome> {
    const asOfDate = lastCompleteLocalDate(this.clock.now(), this.config.SCORING_TIMEZONE);
    return this.rescore.execute(new RescoreMerchantsCommand([...new Set(merchantIds)], asOfDate), manager);
  }
}
