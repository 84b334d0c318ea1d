import { BadGatewayException, GatewayTimeoutException, Injectable } from '@nestjs/common';
import { ConsoleRole } from '@merchant-pulse/config';
import { currentCorrelationId } from '@merchant-pulse/observability';
import { OpsConsoleConfig } from '../config/ops-console.config';
import { ConsoleServiceKeys } from '../config/service-keys';
import { ConsoleService, serviceBaseUrls } from './console-services';
import { FORWARDED_REQUEST_HEADERS, FORWARDED_RESPONSE_HEADERS } from './proxy-request';

/** One call to forward. */
export interface ProxiedCall {
  service: ConsoleService;
  method: string;
  /** Path and query on the service, e.g. `/v1/merchants?limit=50`. */
  pathAndQuery: string;
  headers: Record<string, string | string[] | undefined>;
  /** The exact request bytes, if any. */
  body?: Buffer;
  role: ConsoleRole;
  username: string;
}

/** What the service answered. */
export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Calls a service on behalf of a signed-in person: the role's API key as `Authorization: Bearer`,
 * `X-Actor: console:<username>` for the services' audit trails, the request's correlation id. The
 * service's status and body come back unchanged; no answer within `PROXY_TIMEOUT_MS` → 504, no
 * connection → 502 (both in the services' error shape).
 */
@Injectable()
export class ServiceProxy {
  private readonly baseUrls: Record<ConsoleService, string>;
  private readonly keys: ConsoleServiceKeys;

  constructor(private readonly config: OpsConsoleConfig) {
    this.baseUrls = serviceBaseUrls(config);
    this.keys = config.serviceKeys;
  }

  async forward(call: ProxiedCall): Promise<ProxiedResponse> {
    const headers = new Headers();
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = call.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    headers.set('authorization', `Bearer ${this.keys[call.role]}`);
    headers.set('x-actor', `console:${call.username}`);
    const correlationId = currentCorrelationId();
    if (correlationId) headers.set('x-correlation-id', correlationId);
    const hasBody = call.body !== undefined && call.body.length > 0 && !['GET', 'HEAD'].includes(call.method);
    if (!hasBody) headers.delete('content-length');
    let response: Response;
    try {
      response = await fetch(`${this.baseUrls[call.service]}${call.pathAndQuery}`, {
        method: call.method,
        headers,
        body: hasBody ? new Uint8Array(call.body as Buffer) : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.PROXY_TIMEOUT_MS),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new GatewayTimeoutException(
          `${call.service} did not answer within ${this.config.PROXY_TIMEOUT_MS} ms`,
        );
      throw new BadGatewayException(`${call.service} is unreachable`);
    }
    const body = await readBody(response, call.service, this.config.PROXY_TIMEOUT_MS);
    const out: Record<string, string> = {};
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) out[name] = value;
    }
    return { status: response.status, headers: out, body };
  }
}

async function readBody(response: Response, service: string, timeoutMs: number): Promise<Buffer> {
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new GatewayTimeoutException(`${service} did not finish answering within ${timeoutMs} ms`);
    throw new BadGatewayException(`${service} broke off its answer`);
  }
}
