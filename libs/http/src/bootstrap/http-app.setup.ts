import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { PinoNestLogger } from '@merchant-pulse/observability';

/** Name of the OpenAPI security scheme every guarded operation uses. */
export const API_KEY_SECURITY_SCHEME = 'api-key';

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
 * at `/docs` (UI) and `/docs-json` with the bearer API-key scheme. Split from
 * {@link bootstrapHttpService} so tests can apply it to a testing module's app.
 */
export function setupHttpApp(app: INestApplication, options: HttpAppSetupOptions): void {
  app.useLogger(app.get(PinoNestLogger));
  app.enableShutdownHooks();
  const version = options.version ?? process.env.npm_package_version ?? '0.0.0';
  const document = new DocumentBuilder()
    .setTitle(options.service)
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key secret' }, API_KEY_SECURITY_SCHEME)
    .addSecurityRequirements(API_KEY_SECURITY_SCHEME)
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document), {
    jsonDocumentUrl: 'docs-json',
  });
}
