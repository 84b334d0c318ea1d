import { Injectable } from '@nestjs/common';
import { MerchantRiskRepository } from '../../merchant-risk.repository';

/** The sales regions of scored merchants, by name: the choices of the worklist's region filter. */
@Injectable()
export class ListRiskRegionsUseCase {
  constructor(private readonly risks: MerchantRiskRepository) {}

  execute(): Promise<Array<{ region: string }>> {
    return this.risks.regions();
  }
}
