import type { DayVolumes } from '../../rules/accrual-rules';

/** Accrue points from a batch of day snapshots (any order, replays and corrections allowed). */
export class AccruePointsCommand {
  constructor(readonly days: readonly DayVolumes[]) {}
}
