import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { BaseServiceConfig, ConfigError } from '@merchant-pulse/config';
import { LOGGER, Logger, PinoNestLogger, createLogger } from '@merchant-pulse/observability';
import { writeFileSync } from 'node:fs';
import { setupHttpApp } from './http-app.setup';
import { buildOpenApiDocument, OPENAPI_OUT_ENV } from './openapi.document';

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
  const openApiOut = process.env[OPENAPI_OUT_ENV];
  Promise.resolve()
    .then(async (): Promise<unknown> => {
      const options = build();
      service = options.service;
      return openApiOut ? writeOpenApiDocument(options, openApiOut) : bootstrapHttpService(options);
    })
    .catch((error: unknown) => {
      // bootstrapHttpService logs container failures itself; configuration errors come before any logger.
      if (error instanceof ConfigError)
        createLogger({ service }).fatal({ problems: error.problems }, error.message);
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 100).unref();
    });
}

/**
 * Writes the service's OpenAPI document to `file` without starting it: the app is created in Nest's
 * preview mode (the module graph is scanned, controllers and providers are NOT instantiated, so no
 * database, Kafka or Redis connection is made) and the Swagger scanner reads the controllers'
 * metadata. `main.js` does this instead of listening when PULSE_OPENAPI_OUT is set
 * (tools/openapi/generate-openapi.ts runs every app that way).
 */
export async function writeOpenApiDocument(
  options: BootstrapHttpServiceOptions,
  file: string,
): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(options.module, {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  const version = options.version ?? process.env.npm_package_version ?? '0.0.0';
  const document = buildOpenApiDocument(app, { service: options.service, version });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
}
