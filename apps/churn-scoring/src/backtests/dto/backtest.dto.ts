import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsLocalDate } from '@merchant-pulse/contracts';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { BACKTEST_TARGETS, BacktestTarget } from '../backtest.runner';

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

  @ApiProperty({
    required: false,
    enum: BACKTEST_TARGETS,
    default: 'dormant',
    description:
      'dormant: becomes dormant within the horizon; silence: its final quiet run starts within it; early-warning: among merchants still trading (approved transaction in the last activeWithinDays), who starts a 30-day dormancy within the horizon — adds alerts and lead time',
  })
  @IsOptional()
  @IsIn(BACKTEST_TARGETS, { message: `target must be one of ${BACKTEST_TARGETS.join(', ')}` })
  target?: BacktestTarget;

  @ApiProperty({
    required: false,
    default: 7,
    minimum: 1,
    maximum: 60,
    description: 'early-warning: still trading = an approved transaction in the last N days',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  activeWithinDays?: number;

  @ApiPropertyOptional({
    enum: ['hazard'],
    description:
      'Also train the learned hazard model on the stored history up to asOfDate (labels observed by then) and compare it beside score and recency',
  })
  @IsOptional()
  @IsIn(['hazard'], { message: 'with must be hazard' })
  with?: 'hazard';
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
    description:
      'Ranking metrics of the churn score: auc, topDecileCapture, topDecileLift, calibration, rocCurve [{fpr,tpr}] ' +
      '(≤ 101 points from (0,0) to (1,1)) and liftCurve [{depth,capture,lift}] (depths 0.05 … 1, 20 points)',
    example: {
      auc: 0.63,
      topDecileCapture: 0.29,
      topDecileLift: 2.9,
      rocCurve: [
        { fpr: 0, tpr: 0 },
        { fpr: 0.1, tpr: 0.29 },
        { fpr: 1, tpr: 1 },
      ],
      liftCurve: [
        { depth: 0.05, capture: 0.17, lift: 3.4 },
        { depth: 1, capture: 1, lift: 1 },
      ],
    },
  })
  score: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The same metrics and curves for the recency rule (days since the last approved transaction)',
    example: { auc: 0.6, topDecileCapture: 0.25, topDecileLift: 2.48, rocCurve: [], liftCurve: [] },
  })
  recency: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) recencyRule: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { auc: 0.023, topDecileLift: 0.43 } })
  improvement: Record<string, unknown>;
  @ApiProperty({ example: 'early-warning' }) target: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Other rankers (e.g. the learned hazard model) by name',
  })
  others: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'early-warning only: per ranker AUC, lift, calibration, precision/recall at its alert rule and lead time (days, quartiles)',
  })
  earlyWarning?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'with=hazard: version, training as-of dates and sizes, standardised coefficients, Platt calibration',
  })
  hazardModel?: Record<string, unknown>;
  @ApiProperty() definition: string;
  @ApiProperty({ example: 'observed', description: 'Ground truth: dormancy observed in stored activity' })
  truth: string;
}
