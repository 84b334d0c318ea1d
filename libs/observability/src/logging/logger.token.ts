import { Inject } from '@nestjs/common';

/** Injection token of the process's pino {@link Logger}, provided by `ObservabilityModule.forRoot`. */
export const LOGGER = Symbol('merchant-pulse:logger');

/** Injects the pino logger: `constructor(@InjectLogger() private readonly logger: Logger) {}`. */
export const InjectLogger = (): PropertyDecorator & ParameterDecorator => Inject(LOGGER);
