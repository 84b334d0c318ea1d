import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, FakeClock, SystemClock } from './clock';

/**
 * Provides {@link Clock}. `CLOCK_START` (ISO instant) boots a fake clock that only the process itself
 * advances — used by the simulator and demo to run simulated days; otherwise the system clock.
 */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock?: Clock): DynamicModule {
    const instance =
      clock ?? (process.env.CLOCK_START ? new FakeClock(process.env.CLOCK_START) : new SystemClock());
    return { module: ClockModule, providers: [{ provide: Clock, useValue: instance }], exports: [Clock] };
  }
}
