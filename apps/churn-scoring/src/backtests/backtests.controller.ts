import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  API_KEY_SECURITY_SCHEME,
  ApiStandardErrors,
  ApiUnprocessable,
  RequireScopes,
} from '@merchant-pulse/http';
import { BacktestReportDto, RunBacktestDto } from './dto/backtest.dto';
import { RunBacktestCommand } from './use-cases/run-backtest/run-backtest.command';
import { RunBacktestUseCase } from './use-cases/run-backtest/run-backtest.use-case';

/**
 * Backtests of the churn score against the recency rule. `risk:write`, like model refits: a backtest
 * reads every stored day of activity and fits a model, work no read-only key may trigger.
 */
@ApiTags('backtests')
@ApiBearerAuth(API_KEY_SECURITY_SCHEME)
@RequireScopes('risk:write')
@ApiStandardErrors()
@Controller('v1/backtests')
export class BacktestsController {
  constructor(private readonly runBacktest: RunBacktestUseCase) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Score as of a past date and report AUC, top-decile capture/lift and calibration vs the recency rule',
  })
  @ApiOkResponse({ type: BacktestReportDto })
  @ApiForbiddenResponse({ description: 'The API key lacks scope risk:write' })
  @ApiUnprocessable('The outcome window has not fully elapsed yet')
  async run(@Body() body: RunBacktestDto): Promise<BacktestReportDto> {
    const report = await this.runBacktest.execute(
      new RunBacktestCommand(
        body.asOfDate,
        body.horizonDays,
        body.target,
        body.activeWithinDays,
        body.with === 'hazard',
      ),
    );
    return report as unknown as BacktestReportDto;
  }
}
