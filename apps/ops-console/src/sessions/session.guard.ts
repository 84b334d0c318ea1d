import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import type { Request } from 'express';
import { AccountRepository } from '../accounts/account.repository';
import { ConsoleAccount } from '../config/console-users';
import { CSRF_HEADER, csrfAllows } from './csrf';
import { SESSION_COOKIE, readCookie } from './session-cookie';
import { ConsoleSession, SessionStore } from './session.store';

/** A request that passed {@link SessionGuard}. */
export interface SignedInRequest extends Request {
  console: { sessionId: string; session: ConsoleSession; account: ConsoleAccount };
}

/**
 * Console routes need a live session (401 otherwise; each request slides its idle expiry) and, for
 * any method but GET/HEAD/OPTIONS, the session's CSRF token in `X-CSRF-Token` (403 otherwise). An
 * account removed from `CONSOLE_USERS` loses its sessions at the next request.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionStore,
    private readonly accounts: AccountRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignedInRequest>();
    const sessionId = readCookie(request.headers.cookie, SESSION_COOKIE);
    const session = await this.sessions.touch(sessionId);
    const account = session && this.accounts.find(session.username);
    if (!sessionId || !session || !account || account.role !== session.role)
      throw new UnauthorizedException('Not signed in (or the session expired)');
    if (!csrfAllows(request.method, request.headers[CSRF_HEADER], session.csrfToken))
      throw new ForbiddenException(`Missing or wrong ${'X-CSRF-Token'} header`);
    request.console = { sessionId, session, account };
    return true;
  }
}

/** The signed-in request's session and account (on routes behind {@link SessionGuard}). */
export const SignedIn = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SignedInRequest['console'] =>
    context.switchToHttp().getRequest<SignedInRequest>().console,
);
