import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { withTransaction } from '@merchant-pulse/database';
import { DataSource } from 'typeorm';
import { AccrualRule } from '../../rules/accrual-rules';
import { LoyaltyRuleRepository } from '../../rules/loyalty-rule.repository';
import { LOYALTY_SETTINGS, LoyaltySettings, localDate } from '../../loyalty.settings';

/** A new version of an accrual rule (or a new rule), effective from a date. */
export interface DefineRuleCommand {
  rule: Omit<AccrualRule, 'version'>;
  actor: string;
}

/**
 * Adds a rule version. Effective dates are never in the past (tomorrow at the earliest): the points
 * of a day already traded must not change when a rule does, so a corrected snapshot of an old day is
 * always recomputed under the version that was in force that day.
 */
@Injectable()
export class DefineRuleUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: LoyaltyRuleRepository,
    private readonly clock: Clock,
    @Inject(LOYALTY_SETTINGS) private readonly settings: LoyaltySettings,
  ) {}

  async execute(command: DefineRuleCommand): Promise<AccrualRule> {
    const today = localDate(this.clock.now(), this.settings.timezone);
    if (command.rule.effectiveFrom <= today)
      throw new BadRequestException({
        message: [`effectiveFrom must be after today (${today}); rules are never back-dated`],
      });
    if ((command.rule.basis === 'trading_day') !== (command.rule.perMinor === null))
      throw new BadRequestException({
        message: ['perMinor is required for volume rules and absent for trading_day'],
      });
    return withTransaction(this.dataSource, async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('loyalty_rule:' || $1))`, [
        command.rule.ruleId,
      ]);
      const latest = await this.rules.latestVersion(manager, command.rule.ruleId);
      if (latest && latest.basis !== command.rule.basis)
        throw new BadRequestException({ message: [`rule ${latest.ruleId} measures ${latest.basis}`] });
      return this.rules.insertNextVersion(manager, command.rule, command.actor);
    });
  }
}
