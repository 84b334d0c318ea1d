import { ApiProperty } from '@nestjs/swagger';

/** BG/NBD parameters (time unit: days). */
export class BgNbdParamsDto {
  @ApiProperty({ example: 0.9 }) r: number;
  @ApiProperty({ example: 1.8 }) alpha: number;
  @ApiProperty({ example: 0.4 }) a: number;
  @ApiProperty({ example: 25 }) b: number;
}

/** The current population model and its fit diagnostics. */
export class ModelVersionDto {
  @ApiProperty({ example: 'bgnbd-2026-03-01.1' }) version: string;
  @ApiProperty({ example: 'fitted', enum: ['fitted', 'prior'] }) source: string;
  @ApiProperty({ type: BgNbdParamsDto }) params: BgNbdParamsDto;
  @ApiProperty({
    example: {
      merchants: 1200,
      repeatMerchants: 1100,
      logLikelihood: -35210.4,
      iterations: 31,
      converged: true,
      gradientNorm: 1e-7,
      ms: 40,
      meanX: 52.1,
      meanT: 80.3,
      note: 'maximum-likelihood fit converged',
    },
    type: 'object',
    additionalProperties: true,
  })
  diagnostics: Record<string, unknown>;
  @ApiProperty({ example: '2026-03-01' }) asOfDate: string;
  @ApiProperty({ example: '2026-03-02T00:00:00.000Z' }) fittedAt: string;
}

/** One stored hazard model version. */
export class HazardVersionDto {
  @ApiProperty({ example: 'hazard-2026-06-05.1+bgbb' }) version: string;
  @ApiProperty({
    example: '2026-07-03',
    description: 'Last day of data the retraining saw (training stops holdout weeks earlier)',
  })
  asOfDate: string;
  @ApiProperty({ example: '2026-07-04T00:00:00.000Z' }) fittedAt: string;
  @ApiProperty({ description: 'True for the version scoring uses' }) current: boolean;
  @ApiProperty({ description: 'True when it beat the then-current version on the held-out weeks' })
  promoted: boolean;
  @ApiProperty({
    nullable: true,
    description: 'Population model of the P(alive) feature (BG/NBD or BG/BB, by AIC) and why',
    type: 'object',
    additionalProperties: true,
  })
  population: { kind: string; reason: string } | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Held-out AUC, log loss, ECE, Brier of the candidate and of the model it was compared with; verdict; training time',
  })
  metrics: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Standardised coefficients by feature',
  })
  coefficients: Record<string, number>;
  @ApiProperty({ example: { a: 1.02, b: -0.1 }, description: 'Platt calibration p = σ(a·logit + b)' })
  platt: { a: number; b: number };
}

/** The current hazard version and the latest ones. */
export class HazardModelsDto {
  @ApiProperty({ type: HazardVersionDto, nullable: true }) current: HazardVersionDto | null;
  @ApiProperty({ type: [HazardVersionDto] }) versions: HazardVersionDto[];
}

/** The outcome of a retraining. */
export class HazardRetrainDto {
  @ApiProperty({ type: HazardVersionDto }) candidate: HazardVersionDto;
  @ApiProperty() promoted: boolean;
  @ApiProperty({ example: 'held-out AUC 0.74 > 0.71 of the current model' }) reason: string;
  @ApiProperty({ example: 'hazard-2026-06-05.1+bgbb' }) currentVersion: string;
  @ApiProperty({ example: 41000 }) trainingMs: number;
}
