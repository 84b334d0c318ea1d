import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { API_KEY_SECURITY_SCHEME, RequireScopes } from '@merchant-pulse/http';
import { BacktestReportDto, RunBacktestDto } from './dto/backtest.dto';
import { RunBacktestCommand } from './use-cases/run-backtest/run-backtest.command';
import { RunBacktestUseCase } from './use-cases/run-backtest/run-backtest.use-case';

/** Backtests of the churn score against the recency rule. */
@ApiTags('backtests')
@ApiBearerAuth(API_KEY_SECURITY_SCHEME)
@RequireScopes('risk:read')
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
  @ApiUnprocessableEntityResponse({ description: 'The outcome window has not fully elapsed yet' })
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
