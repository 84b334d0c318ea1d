import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectLogger } from '@merchant-pulse/observability';
import type { Logger } from 'pino';
import { AccountRepository } from '../../../accounts/account.repository';
import { SignInAuditRepository, SignInOutcome } from '../../../audit/sign-in-audit.repository';
import { SignInMetrics } from '../../../audit/sign-in.metrics';
import { ConsoleUserView, userView } from '../../console-user';
import { LoginRateLimiter } from '../../login-rate-limiter';
import { SessionStore } from '../../session.store';
import { SignInCommand } from './sign-in.command';

/** 429: too many attempts for the username or the IP; the controller sends `Retry-After`. */
export class SignInRateLimitedException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        message: `Too many sign-in attempts: try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** What a successful sign-in returns: the cookie value and the body. */
export interface SignInResult {
  sessionId: string;
  user: ConsoleUserView;
  csrfToken: string;
}

/**
 * Signs a person in: rate limit (per username and per IP) → password check → session. Every attempt is
 * audited (stream, log line, metric) whatever its outcome; the response never says whether the
 * username exists.
 */
@Injectable()
export class SignInUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly limiter: LoginRateLimiter,
    private readonly sessions: SessionStore,
    private readonly audit: SignInAuditRepository,
    private readonly metrics: SignInMetrics,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async execute(command: SignInCommand): Promise<SignInResult> {
    const username = command.username.trim().toLowerCase().slice(0, 64);
    const decision = await this.limiter.attempt(username, command.ip);
    if (!decision.allowed) {
      await this.record('rate_limited', username, command);
      throw new SignInRateLimitedException(decision.retryAfterSeconds);
    }
    const account = await this.accounts.verify(username, command.password);
    if (!account) {
      await this.record('failure', username, command);
      throw new UnauthorizedException('Wrong username or password');
    }
    await this.limiter.succeeded(username, command.ip);
    const { id, session } = await this.sessions.create(account.username, account.role);
    await this.record('success', username, command);
    return { sessionId: id, user: userView(account), csrfToken: session.csrfToken };
  }

  private async record(outcome: SignInOutcome, username: string, command: SignInCommand): Promise<void> {
    const entry = {
      outcome,
      username,
      ip: command.ip,
      userAgent: command.userAgent.slice(0, 256),
      at: new Date().toISOString(),
    };
    this.metrics.count(outcome);
    this.logger.info({ signIn: entry }, `console sign-in ${outcome} for "${username}" from ${command.ip}`);
    await this.audit.append(entry);
  }
}
