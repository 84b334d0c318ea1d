import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { runWithCorrelation } from '../logging/correlation.context';
import { newCorrelationId } from './correlation-id';

/** Response (and accepted request) header carrying the correlation id. */
export const CORRELATION_HEADER = 'x-correlation-id';
const REQUEST_ID_HEADER = 'x-request-id';

/** Accepted incoming ids: short, printable, no spaces, so a caller cannot inject log lines. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A request after {@link CorrelationMiddleware} ran. */
export interface CorrelatedRequest extends Request {
  correlationId?: string;
}

/**
 * Gives every request a correlation id — the caller's `x-correlation-id` (or `x-request-id`) when it
 * is well formed, else a fresh UUIDv7 — echoes it in the `x-correlation-id` response header, and runs
 * the rest of the request inside the correlation context so every log line carries it.
 */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(request: CorrelatedRequest, response: Response, next: NextFunction): void {
    const correlationId =
      accepted(request.headers[CORRELATION_HEADER]) ??
      accepted(request.headers[REQUEST_ID_HEADER]) ??
      newCorrelationId();
    request.correlationId = correlationId;
    response.setHeader(CORRELATION_HEADER, correlationId);
    runWithCorrelation(correlationId, () => next());
  }
}

function accepted(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SAFE_ID.test(value) ? value : undefined;
}
