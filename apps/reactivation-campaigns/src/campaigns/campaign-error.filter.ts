import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { CampaignNotFoundError, CampaignRuleError, CampaignStateError } from './campaign.errors';

/** Campaign errors as HTTP: not found 404, a move or edit the lifecycle forbids 409, a rule 422. */
@Catch(CampaignNotFoundError, CampaignStateError, CampaignRuleError)
export class CampaignErrorFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const status =
      error instanceof CampaignNotFoundError ? 404 : error instanceof CampaignStateError ? 409 : 422;
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(status)
      .json({ statusCode: status, error: STATUS_CODES[status], message: error.message });
  }
}
