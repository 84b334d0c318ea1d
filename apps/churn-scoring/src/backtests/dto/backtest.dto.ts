import { ApiProperty } from '@nestjs/swagger';
import { IsLocalDate } from '@merchant-pulse/contracts';
import { IsInt, Max, Min } from 'class-validator';

/** Backtest request: score as of a past date, compare with what happened over the horizon. */
export class RunBacktestDto {
  @ApiProperty({ example: '2026-02-01', description: 'Score as of this day (data up to it only)' })
  @IsLocalDate({ message: 'asOfDate must be a real date YYYY-MM-DD in the years 1900-9998' })
  asOfDate: string;

  @ApiProperty({ example: 30, minimum: 1, maximum: 180 })
  @IsInt()
  @Min(1)
  @Max(180)
  horizonDays: number;
}

/** Backtest report (see BacktestReport: AUC, top-decile capture/lift, calibration, for score and recency). */
export class BacktestReportDto {
  @ApiProperty({ example: '2026-02-01' }) asOfDate: string;
  @ApiProperty({ example: 30 }) horizonDays: number;
  @ApiProperty({ example: 2333 }) merchants: number;
  @ApiProperty({ example: 131 }) positives: number;
  @ApiProperty({ example: 0.056 }) baseRate: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { source: 'fitted', params: { r: 1, alpha: 2, a: 0.5, b: 20 } },
  })
  model: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { auc: 0.63, topDecileCapture: 0.29, topDecileLift: 2.9 },
  })
  score: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { auc: 0.6, topDecileCapture: 0.25, topDecileLift: 2.48 },
  })
  recency: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) recencyRule: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { auc: 0.023, topDecileLift: 0.43 } })
  improvement: Record<string, unknown>;
  @ApiProperty() definition: string;
  @ApiProperty({ example: 'observed', description: 'Ground truth: dormancy observed in stored activity' })
  truth: string;
}
