import { IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { TERMINAL_HEALTH_KINDS } from '../vocabulary';
import type { TerminalHealthKind } from '../vocabulary';
import { IsCount, IsIdentifier, IsPositiveInt32, IsUtcInstant } from '../validation/contract-validators';

/**
 * terminal.health.v1 — produced by transaction-ingestion from a sliding window of each terminal's
 * transactions. after-sales-tickets opens a ticket on Degraded and may close it on Recovered.
 * One Degraded is emitted per (terminal, kind) episode; the matching Recovered ends it.
 */

/** The measurement common to both events. */
export class TerminalHealthMeasurementV1 {
  /** Terminal id, as it appears in raw transactions. */
  @IsIdentifier()
  terminalId: string;

  /** `card_read_failures` (failure spike), `declines` (decline spike) or `silent` (no traffic). */
  @IsIn(TERMINAL_HEALTH_KINDS)
  kind: TerminalHealthKind;

  /**
   * Share of the window's transactions that failed, 0–1 (card-read failures or declines);
   * 0 for `silent`, whose signal is the absence of traffic.
   */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  rate: number;

  /** Transactions in the window the rate was computed from (0 for `silent`). */
  @IsCount()
  sampleSize: number;

  /** Length of the sliding window, in minutes (for `silent`, how long the terminal has been quiet). */
  @IsPositiveInt32()
  windowMinutes: number;

  /** Rate threshold the detector uses for this kind, 0–1; absent for `silent`. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  threshold?: number;

  /** When the degradation began (UTC): first window over threshold, or last transaction for `silent`. */
  @IsUtcInstant()
  since: string;
}

/** A terminal started failing (card-read failure spike, decline spike) or went silent. */
export class TerminalHealthDegradedV1 extends TerminalHealthMeasurementV1 {
  /** Last transaction seen from the terminal (UTC), if any. */
  @IsOptional()
  @IsUtcInstant()
  lastTransactionAt?: string;
}

/** A previously degraded terminal is healthy again for the same kind. */
export class TerminalHealthRecoveredV1 extends TerminalHealthMeasurementV1 {
  /** When the terminal was observed healthy again (UTC). */
  @IsUtcInstant()
  recoveredAt: string;
}
