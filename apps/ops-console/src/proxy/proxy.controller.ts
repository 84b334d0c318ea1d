import {
  All,
  Controller,
  NotFoundException,
  Param,
  PayloadTooLargeException,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public, SkipRateLimit } from '@merchant-pulse/http';
import type { Request, Response } from 'express';
import { SESSION_COOKIE } from '../sessions/session-cookie';
import { SessionGuard, SignedInRequest } from '../sessions/session.guard';
import { CONSOLE_SERVICES, isConsoleService } from './console-services';
import { upstreamPath } from './proxy-request';
import { ServiceProxy } from './service-proxy';

/** Largest non-JSON body forwarded (ticket attachments are at most 10 MiB by default). */
const MAX_STREAMED_BODY_BYTES = 25 * 1024 * 1024;

/**
 * `/api/svc/{service}/{path…}` → the service, with the role's key and `X-Actor`. The services decide
 * what a role may do (their 403 comes back as is); the console adds only the session and CSRF checks.
 */
@ApiTags('proxy')
@Public()
// The services rate-limit each role's key themselves; a second per-IP budget here would only
// throttle a whole office behind one NAT address.
@SkipRateLimit()
@UseGuards(SessionGuard)
@ApiCookieAuth(SESSION_COOKIE)
@Controller('api/svc')
export class ProxyController {
  constructor(private readonly proxy: ServiceProxy) {}

  @All(':service/*path')
  @ApiOperation({
    summary:
      'Calls the service with the role key of the signed-in user; status and body are the service’s (504 on timeout). Non-GET needs X-CSRF-Token',
  })
  @ApiParam({ name: 'service', enum: CONSOLE_SERVICES })
  @ApiParam({ name: 'path', description: 'Path on the service, e.g. v1/merchants' })
  async forward(
    @Param('service') service: string,
    @Req() request: SignedInRequest & { rawBody?: Buffer },
    @Res() response: Response,
  ): Promise<void> {
    const pathAndQuery = isConsoleService(service) ? upstreamPath(request.originalUrl, service) : undefined;
    if (!isConsoleService(service) || pathAndQuery === undefined)
      throw new NotFoundException(`No service "${service}": one of ${CONSOLE_SERVICES.join(', ')}`);
    const answer = await this.proxy.forward({
      service,
      method: request.method,
      pathAndQuery,
      headers: request.headers,
      body: await requestBytes(request),
      role: request.console.account.role,
      username: request.console.account.username,
    });
    response.status(answer.status);
    for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
    response.setHeader('Cache-Control', 'no-store');
    response.end(answer.body);
  }
}

/** The request's exact bytes: the JSON parser's copy, or the unread stream (e.g. multipart uploads). */
async function requestBytes(request: Request & { rawBody?: Buffer }): Promise<Buffer | undefined> {
  if (request.rawBody) return request.rawBody;
  if (request.body !== undefined && typeof request.body === 'object' && Object.keys(request.body).length > 0)
    return Buffer.from(JSON.stringify(request.body));
  if (request.readableEnded || !request.readable) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_STREAMED_BODY_BYTES) throw new PayloadTooLargeException('Request body too large');
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 0 ? undefined : Buffer.concat(chunks);
}
