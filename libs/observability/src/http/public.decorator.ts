import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

/** Metadata key set by {@link Public}; the API key guard (libs/http) skips routes that carry it. */
export const IS_PUBLIC_KEY = 'merchant-pulse:public';

/**
 * Marks a controller or handler as reachable without an API key (health, metrics). Every other
 * route requires one. Defined here rather than in libs/http so the operational controllers of this
 * lib can use it; libs/http re-exports it. In the OpenAPI document such operations get an empty
 * `security` list (overriding the document-wide API-key requirement), so they read as public there too.
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), noApiSecurity);

/** `@ApiSecurity` with no requirement (unless one is set): the swagger explorer then writes `security: []`. */
const noApiSecurity: ClassDecorator & MethodDecorator = (
  target: object,
  _key?: string | symbol,
  descriptor?: PropertyDescriptor,
) => {
  const on = descriptor?.value ?? target;
  // Keeps a scheme the route declares itself (e.g. the acquirer gateway's signature).
  if (!Reflect.hasOwnMetadata(API_SECURITY_METADATA, on))
    Reflect.defineMetadata(API_SECURITY_METADATA, [], on);
};

/** The metadata key `@ApiSecurity` of @nestjs/swagger writes (its DECORATORS.API_SECURITY). */
const API_SECURITY_METADATA = (() => {
  const probe = class {};
  ApiSecurity('probe')(probe);
  return Reflect.getMetadataKeys(probe).find((k) => String(k).includes('Security')) as string;
})();
