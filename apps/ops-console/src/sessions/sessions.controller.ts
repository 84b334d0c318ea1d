import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiStandardErrors, Public } from '@merchant-pulse/http';
import type { Request, Response } from 'express';
import { OpsConsoleConfig } from '../config/ops-console.config';
import { userView } from './console-user';
import { SignInDto } from './dto/sign-in.dto';
import { SESSION_COOKIE, readCookie, sessionCookie } from './session-cookie';
import { SessionGuard, SignedIn, SignedInRequest } from './session.guard';
import { SessionStore } from './session.store';
import { SignInRateLimitedException, SignInUseCase } from './use-cases/sign-in/sign-in.use-case';

const SESSION_EXAMPLE = {
  user: {
    username: 'manager',
    displayName: '客户经理',
    role: 'account_manager',
    scopes: ['merchants:read', 'pii:read'],
    locale: 'zh-CN',
  },
  csrfToken: 'q0Zr3…',
};

/** Sign-in, the current session, sign-out. Authenticated by the session cookie, not by API keys. */
@ApiTags('session')
@ApiStandardErrors()
@Public()
@Controller('api/session')
export class SessionsController {
  constructor(
    private readonly signIn: SignInUseCase,
    private readonly sessions: SessionStore,
    private readonly config: OpsConsoleConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: `Sign in; sets cookie ${SESSION_COOKIE}. 401 wrong credentials, 429 (Retry-After) too many attempts`,
  })
  @ApiOkResponse({ schema: { example: SESSION_EXAMPLE } })
  async create(
    @Body() body: SignInDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ user: unknown; csrfToken: string }> {
    try {
      const result = await this.signIn.execute({
        username: body.username,
        password: body.password,
        ip: request.ip ?? request.socket.remoteAddress ?? 'unknown',
        userAgent: request.headers['user-agent'] ?? '',
      });
      // A sign-in always starts a new session; the one the browser held (if any) ends.
      const previous = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (previous !== undefined) await this.sessions.destroy(previous);
      response.setHeader(
        'Set-Cookie',
        sessionCookie(result.sessionId, { secure: this.config.secureCookies }),
      );
      response.setHeader('Cache-Control', 'no-store');
      return { user: result.user, csrfToken: result.csrfToken };
    } catch (error) {
      if (error instanceof SignInRateLimitedException)
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @Get()
  @UseGuards(SessionGuard)
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({ summary: 'The signed-in user and the CSRF token of the session; 401 when signed out' })
  @ApiOkResponse({ schema: { example: SESSION_EXAMPLE } })
  current(
    @SignedIn() signedIn: SignedInRequest['console'],
    @Res({ passthrough: true }) response: Response,
  ): { user: unknown; csrfToken: string } {
    response.setHeader('Cache-Control', 'no-store');
    return { user: userView(signedIn.account), csrfToken: signedIn.session.csrfToken };
  }

  @Delete()
  @HttpCode(204)
  @UseGuards(SessionGuard)
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({ summary: 'Sign out (needs X-CSRF-Token)' })
  async destroy(
    @SignedIn() signedIn: SignedInRequest['console'],
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.sessions.destroy(signedIn.sessionId);
    response.setHeader(
      'Set-Cookie',
      sessionCookie('', { secure: this.config.secureCookies, maxAgeSeconds: 0 }),
    );
  }
}
