import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { docsArePublic } from '@merchant-pulse/config';
import { PinoNestLogger } from '@merchant-pulse/observability';
import { ApiKeyStore } from '../api-keys/api-key.store';
import { HTTP_PLATFORM_CONFIG, HttpPlatformConfig } from '../http-platform.module';
import { docsAccessMiddleware } from './docs-access.middleware';
import { buildOpenApiDocument } from './openapi.document';

/**
 * Largest JSON body accepted: a full 1,000-transaction batch to the ingestion gateway is ~330 kB,
 * well over Express's 100 kB default.
 */
export const JSON_BODY_LIMIT = '4mb';

/** Options of {@link setupHttpApp}. */
export interface HttpAppSetupOptions {
  /** Service name: OpenAPI title. */
  service: string;
  /** Service version: OpenAPI version (default `npm_package_version` or `0.0.0`). */
  version?: string;
}

/**
 * Finishes a created (not yet listening) app the way every service runs: Nest logs through pino,
 * shutdown hooks enabled (SIGTERM closes modules so workers finish their batch), and OpenAPI served
 * at `/docs` (UI) and `/docs-json` with the bearer API-key scheme — to anyone, or with `PUBLIC_DOCS=false`
 * (the production default) only to API keys with scope `docs:read`. Split from
 * {@link bootstrapHttpService} so tests can apply it to a testing module's app.
 */
export function setupHttpApp(app: INestApplication, options: HttpAppSetupOptions): void {
  app.useLogger(app.get(PinoNestLogger));
  // Keeps `rawBody: true` (req.rawBody for HMAC checks) and only raises the size limit.
  (app as NestExpressApplication).useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.enableShutdownHooks();
  if (!docsArePublic(app.get<HttpPlatformConfig>(HTTP_PLATFORM_CONFIG)))
    app.use(docsAccessMiddleware(app.get(ApiKeyStore)));
  const version = options.version ?? process.env.npm_package_version ?? '0.0.0';
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, { service: options.service, version }), {
    jsonDocumentUrl: 'docs-json',
  });
}
