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
