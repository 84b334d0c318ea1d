import { Controller, ForbiddenException, Get, Query, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiStandardErrors, Public } from '@merchant-pulse/http';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { SESSION_COOKIE } from '../sessions/session-cookie';
import { SessionGuard, SignedIn, SignedInRequest } from '../sessions/session.guard';
import { SignInAuditRecord, SignInAuditRepository } from './sign-in-audit.repository';

/** `GET /api/audit/sign-ins` query. */
export class SignInAuditQuery {
  /** Newest entries to return (default 100, at most 1000). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  /** Only the attempts of this username. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  username?: string;
}

/** The sign-in audit, for ops admins. */
@ApiTags('audit')
@ApiStandardErrors()
@Public()
@UseGuards(SessionGuard)
@ApiCookieAuth(SESSION_COOKIE)
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: SignInAuditRepository) {}

  @Get('sign-ins')
  @ApiOperation({
    summary: 'Sign-in attempts (success, failure, rate_limited), newest first; ops_admin only',
  })
  @ApiOkResponse({
    schema: {
      example: {
        items: [
          {
            id: '1796000000000-0',
            outcome: 'failure',
            username: 'manager',
            ip: '10.0.0.7',
            userAgent: 'Mozilla/5.0',
            at: '2026-12-01T08:00:00.000Z',
          },
        ],
      },
    },
  })
  async signIns(
    @SignedIn() signedIn: SignedInRequest['console'],
    @Query() query: SignInAuditQuery,
  ): Promise<{ items: SignInAuditRecord[] }> {
    if (signedIn.account.role !== 'ops_admin')
      throw new ForbiddenException('Only ops_admin reads the sign-in audit');
    return { items: await this.audit.list(query.limit ?? 100, query.username?.trim().toLowerCase()) };
  }
}
