import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Name of the OpenAPI security scheme every guarded operation uses. */
export const API_KEY_SECURITY_SCHEME = 'api-key';

/**
 * OpenAPI security scheme of the acquirer gateway: an HMAC-SHA256 signature of the raw body
 * (`X-Pulse-Signature`, with `X-Pulse-Timestamp`) instead of an API key.
 */
export const ACQUIRER_SIGNATURE_SECURITY_SCHEME = 'acquirer-signature';

/** Environment variable that turns a service's `main.js` into its OpenAPI generator (see {@link runHttpService}). */
export const OPENAPI_OUT_ENV = 'PULSE_OPENAPI_OUT';

/**
 * The service's OpenAPI document, as served at `/docs-json` and committed under docs/openapi/:
 * every controller of the app, the bearer API-key scheme required by default.
 */
export function buildOpenApiDocument(
  app: INestApplication,
  options: { service: string; version: string },
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.service)
    .setVersion(options.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key secret' }, API_KEY_SECURITY_SCHEME)
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-Pulse-Signature',
        description: 'v1=<hex HMAC-SHA256(acquirer secret, X-Pulse-Timestamp + "." + raw body)>',
      },
      ACQUIRER_SIGNATURE_SECURITY_SCHEME,
    )
    .addSecurityRequirements(API_KEY_SECURITY_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, config);
}
