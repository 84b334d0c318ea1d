import { Body, ConflictException, Controller, Get, HttpCode, Inject, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Clock, SettableClock } from '@merchant-pulse/clock';
import { ApiConflict, ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { IsDateOrInstant } from '@merchant-pulse/contracts';

export class SetClockDto {
  /** The instant the service's clock should read from now on. */
  @ApiProperty({ example: '2026-10-01T00:00:00.000Z', description: 'ISO-8601 instant' })
  @IsDateOrInstant()
  now: string;
}

/**
 * The service's clock. Reading is open to any key; moving it needs scope `clock:write` and a service
 * booted with `CLOCK_START` (simulations and demos) — a production service on the system clock refuses.
 */
@ApiTags('service')
@ApiStandardErrors()
@Controller('v1/clock')
export class ClockController {
  constructor(@Inject(Clock) private readonly clock: Clock) {}

  @Get()
  @ApiOperation({ summary: "The service clock's current instant and whether it can be set" })
  @ApiOkResponse({ schema: { example: { now: '2026-10-01T08:00:00.000Z', settable: true } } })
  read(): { now: string; settable: boolean } {
    return { now: this.clock.now().toISOString(), settable: this.clock instanceof SettableClock };
  }

  @Put()
  @ApiConflict('The service runs on the system clock (not booted with CLOCK_START)')
  @HttpCode(200)
  @RequireScopes('clock:write')
  @ApiOperation({ summary: 'Move a simulation clock (services booted with CLOCK_START only)' })
  set(@Body() body: SetClockDto): { now: string; settable: boolean } {
    if (!(this.clock instanceof SettableClock)) {
      throw new ConflictException(
        'this service runs on the system clock; boot it with CLOCK_START to set time',
      );
    }
    this.clock.set(body.now);
    return this.read();
  }
}
