import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { BaseServiceConfig, ConfigError } from '@merchant-pulse/config';
import { LOGGER, Logger, PinoNestLogger, createLogger } from '@merchant-pulse/observability';
import { setupHttpApp } from './http-app.setup';

/** Options of {@link bootstrapHttpService}. */
export interface BootstrapHttpServiceOptions {
  /** The app's root module; it must import `ObservabilityModule.forRoot` and `HttpPlatformModule.forRoot`. */
  module: Type<unknown> | DynamicModule;
  /** Service name, e.g. `merchant-registry`. */
  service: string;
  /** Where to listen. */
  config: Pick<BaseServiceConfig, 'HOST' | 'PORT' | 'LOG_LEVEL'>;
  /** OpenAPI version (default `npm_package_version`). */
  version?: string;
}

/**
 * Starts an HTTP service: `NestFactory.create` with `rawBody: true` (`req.rawBody` holds the exact
 * bytes, for HMAC verification), {@link setupHttpApp} (pino logging, OpenAPI, shutdown hooks), then
 * listens on HOST:PORT and logs the URL. Guards, validation pipe and exception filter come from
 * `HttpPlatformModule`. A failure while booting (e.g. `ConfigError` for missing production API keys)
 * is logged as JSON and rejects the returned promise, so the process exits non-zero.
 *
 * ```ts
 * const config = loadConfig(MerchantRegistryConfig);
 * await bootstrapHttpService({ module: AppModule.forRoot(config), service: 'merchant-registry', config });
 * ```
 */
export async function bootstrapHttpService(options: BootstrapHttpServiceOptions): Promise<INestApplication> {
  // Until the container's logger exists (and if the container fails to build), Nest logs through this one.
  const bootLogger = new PinoNestLogger(
    createLogger({ service: options.service, level: options.config.LOG_LEVEL }),
  );
  const app = await NestFactory.create<NestExpressApplication>(options.module, {
    rawBody: true,
    logger: bootLogger,
    abortOnError: false,
  });
  setupHttpApp(app, { service: options.service, version: options.version });
  await app.listen(options.config.PORT, options.config.HOST);
  const url = `http://${options.config.HOST}:${options.config.PORT}`;
  app.get<Logger>(LOGGER).info({ url, docs: `${url}/docs` }, `${options.service} listening on ${url}`);
  return app;
}

/**
 * A service's `main.ts` in one call: builds the options (loading config may throw `ConfigError`),
 * boots, and exits non-zero on any boot failure with the reason as one JSON log line.
 *
 * ```ts
 * runHttpService(() => {
 *   const config = loadConfig(MerchantRegistryConfig);
 *   return { module: AppModule.forRoot(config), service: 'merchant-registry', config };
 * });
 * ```
 */
export function runHttpService(build: () => BootstrapHttpServiceOptions): void {
  let service = 'service';
  Promise.resolve()
    .then(() => {
      const options = build();
      service = options.service;
      return bootstrapHttpService(options);
    })
    .catch((error: unknown) => {
      // bootstrapHttpService logs container failures itself; configuration errors come before any logger.
      if (error instanceof ConfigError)
        createLogger({ service }).fatal({ problems: error.problems }, error.message);
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 100).unref();
    });
}
