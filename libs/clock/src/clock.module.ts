import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SettableClock, SystemClock } from './clock';

/**
 * Provides {@link Clock}. `CLOCK_START` (ISO instant) boots a {@link SettableClock} starting there —
 * the simulator and demo move it through simulated days; otherwise the system clock.
 */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock?: Clock): DynamicModule {
    const instance =
      clock ?? (process.env.CLOCK_START ? new SettableClock(process.env.CLOCK_START) : new SystemClock());
    return { module: ClockModule, providers: [{ provide: Clock, useValue: instance }], exports: [Clock] };
  }
}
