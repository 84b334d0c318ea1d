import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { TransactionRunner } from '@merchant-pulse/database';
import { Actor, ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { ObjectStorage } from '@merchant-pulse/secure-storage';
import type { Request, Response } from 'express';
import { ReassignTicketUseCase } from '../routing/use-cases/reassign-ticket/reassign-ticket.use-case';
import { NotFoundError } from '../shared/ticket.errors';
import {
  AssignmentDto,
  ChangeTicketStatusDto,
  LinkTicketDto,
  ListTicketsQuery,
  MergeTicketDto,
  OpenTicketDto,
  TicketDetailsView,
  TicketHistoryView,
  TicketMessageDto,
  TicketView,
  UpdateTicketDto,
} from './dto/ticket.dto';
import { TicketDetailsRepository } from './ticket-details.repository';
import { TicketHistoryRepository } from './ticket-history.repository';
import { TicketRecord } from './ticket.record';
import { isUuid, TicketRepository } from './ticket.repository';
import { AddTicketMessageUseCase } from './use-cases/add-ticket-message/add-ticket-message.use-case';
import { ChangeTicketStatusUseCase } from './use-cases/change-ticket-status/change-ticket-status.use-case';
import { GetTicketUseCase, TicketDetails } from './use-cases/get-ticket/get-ticket.use-case';
import { LinkTicketsUseCase } from './use-cases/link-tickets/link-tickets.use-case';
import { MergeTicketsUseCase } from './use-cases/merge-tickets/merge-tickets.use-case';
import { OpenTicketUseCase } from './use-cases/open-ticket/open-ticket.use-case';
import { UpdateTicketUseCase } from './use-cases/update-ticket/update-ticket.use-case';
import { UploadAttachmentUseCase } from './use-cases/upload-attachment/upload-attachment.use-case';

/** After-sales tickets: lifecycle, messages, links and merges, attachments, audit trail. */
@ApiTags('tickets')
@ApiBearerAuth('api-key')
@ApiHeader({
  name: 'X-Actor',
  required: false,
  description: 'Agent acting (audit trail); the API key id otherwise',
})
@ApiStandardErrors()
@Controller('v1/tickets')
export class TicketsController {
  constructor(
    private readonly openTicket: OpenTicketUseCase,
    private readonly changeStatus: ChangeTicketStatusUseCase,
    private readonly updateTicket: UpdateTicketUseCase,
    private readonly addMessage: AddTicketMessageUseCase,
    private readonly linkTickets: LinkTicketsUseCase,
    private readonly mergeTickets: MergeTicketsUseCase,
    private readonly reassign: ReassignTicketUseCase,
    private readonly uploadAttachment: UploadAttachmentUseCase,
    private readonly getTicket: GetTicketUseCase,
    private readonly tickets: TicketRepository,
    private readonly history: TicketHistoryRepository,
    private readonly details: TicketDetailsRepository,
    private readonly storage: ObjectStorage,
    private readonly tx: TransactionRunner,
  ) {}

  @Post()
  @RequireScopes('tickets:write')
  @ApiOperation({ summary: 'Open a ticket (routed by skill; SLA policy and priority from the rules)' })
  @ApiCreatedResponse({ type: TicketView })
  @ApiUnprocessableEntityResponse({ description: 'No team has the skill the category needs' })
  async open(@Body() body: OpenTicketDto, @Actor() actor: string): Promise<TicketView> {
    return view(
      await this.openTicket.execute({
        ...body,
        priority: body.priority ?? 'normal',
        source: body.channel === 'campaign' ? 'campaign' : 'ops',
        actor,
      }),
    );
  }

  @Get()
  @RequireScopes('tickets:read')
  @ApiOperation({ summary: 'Tickets, newest first (by merchant, status, team)' })
  @ApiOkResponse({ type: [TicketView] })
  async list(@Query() q: ListTicketsQuery): Promise<TicketView[]> {
    const rows = await this.tickets.list(this.tx.manager, { ...q, limit: q.limit ?? 50 });
    return rows.map(view);
  }

  @Get(':id')
  @RequireScopes('tickets:read')
  @ApiOperation({
    summary: 'A ticket with its details; device tickets show terminal health and recent transactions',
  })
  @ApiOkResponse({ type: TicketDetailsView })
  @ApiNotFoundResponse()
  async get(@Param('id') id: string): Promise<TicketDetails> {
    return this.getTicket.execute(id);
  }

  @Get(':id/history')
  @RequireScopes('tickets:read')
  @ApiOperation({ summary: 'The audit trail: every change with who, when and why' })
  @ApiOkResponse({ type: [TicketHistoryView] })
  async historyOf(@Param('id') id: string): Promise<TicketHistoryView[]> {
    const ticket = await this.tickets.findById(this.tx.manager, id);
    if (!ticket) throw new NotFoundError('ticket', id);
    return (await this.history.listOf(this.tx.manager, id)).map(({ ticketId: _t, ...e }) => ({
      ...e,
      field: e.field ?? null,
      oldValue: e.oldValue ?? null,
      newValue: e.newValue ?? null,
      reason: e.reason ?? null,
    }));
  }

  @Post(':id/status')
  @HttpCode(200)
  @RequireScopes('tickets:write')
  @ApiOperation({ summary: 'Move along the status machine (resolve, reopen within the window, close…)' })
  @ApiOkResponse({ type: TicketView })
  @ApiConflictResponse({ description: '{ currentStatus, requested, allowedNext }' })
  @ApiUnprocessableEntityResponse({ description: 'verification_required, reopen_window_passed, …' })
  async status(
    @Param('id') id: string,
    @Body() body: ChangeTicketStatusDto,
    @Actor() actor: string,
  ): Promise<TicketView> {
    return view(await this.changeStatus.execute({ ticketId: id, ...body, actor }));
  }

  @Patch(':id')
  @RequireScopes('tickets:write')
  @ApiOperation({ summary: 'Edit priority, category, subject, terminal; declare the fix applied' })
  @ApiOkResponse({ type: TicketView })
  async update(
    @Param('id') id: string,
    @Body() body: UpdateTicketDto,
    @Actor() actor: string,
  ): Promise<TicketView> {
    return view(await this.updateTicket.execute({ ticketId: id, ...body, actor }));
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @RequireScopes('tickets:write')
  @ApiOperation({ summary: 'Reassign to an agent or a team' })
  @ApiOkResponse({ type: TicketView })
  async assign(
    @Param('id') id: string,
    @Body() body: AssignmentDto,
    @Actor() actor: string,
  ): Promise<TicketView> {
    return view(await this.reassign.execute({ ticketId: id, ...body, actor }));
  }

  @Post(':id/messages')
  @RequireScopes('tickets:write')
  @ApiOperation({ summary: 'Add an internal note or a reply to the merchant (replies count for the SLA)' })
  @ApiCreatedResponse({ type: Object })
  async message(
    @Param('id') id: string,
    @Body() body: TicketMessageDto,
    @Actor() actor: string,
  ): Promise<object> {
    return this.addMessage.execute({ ticketId: id, kind: body.kind, body: body.body, author: actor });
  }

  @Post(':id/links')
  @HttpCode(204)
  @RequireScopes('tickets:write')
  @ApiOperation({ summary: 'Link a related ticket (both ways)' })
  async link(@Param('id') id: string, @Body() body: LinkTicketDto, @Actor() actor: string): Promise<void> {
    await this.linkTickets.execute({ ticketId: id, relatedId: body.relatedId, actor });
  }

  @Post(':id/merge')
  @HttpCode(200)
  @RequireScopes('tickets:write')
  @ApiOperation({ summary: 'Merge this duplicate into another ticket (it closes, linked both ways)' })
  @ApiOkResponse({ type: TicketView })
  async merge(
    @Param('id') id: string,
    @Body() body: MergeTicketDto,
    @Actor() actor: string,
  ): Promise<TicketView> {
    return view(
      await this.mergeTickets.execute({
        duplicateId: id,
        intoId: body.intoTicketId,
        reason: body.reason,
        actor,
      }),
    );
  }

  @Post(':id/attachments')
  @RequireScopes('tickets:write')
  @ApiConsumes('image/jpeg', 'image/png', 'image/webp', 'application/pdf')
  @ApiHeader({ name: 'X-Filename', required: false })
  @ApiOperation({ summary: 'Attach a file (raw body; type checked by magic bytes; stored encrypted)' })
  @ApiCreatedResponse({ type: Object })
  async attach(
    @Param('id') id: string,
    @Req() req: Request,
    @Headers('content-type') contentType: string | undefined,
    @Headers('x-filename') filename: string | undefined,
    @Actor() actor: string,
  ): Promise<object> {
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const safeName =
      (filename ?? 'attachment').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 128) || 'attachment';
    const {
      storageKey: _s,
      keyId: _k,
      ...record
    } = await this.uploadAttachment.execute({
      ticketId: id,
      filename: safeName,
      declaredType: (contentType ?? '').split(';')[0].trim(),
      bytes,
      actor,
    });
    return record;
  }

  @Get(':id/attachments/:attachmentId')
  @RequireScopes('tickets:read')
  @ApiOperation({ summary: 'Download an attachment (decrypted)' })
  @ApiOkResponse({ description: 'The file' })
  async download(
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Res() res: Response,
  ): Promise<void> {
    const found = isUuid(id)
      ? (await this.details.attachmentsOf(this.tx.manager, id)).find((a) => a.id === attachmentId)
      : undefined;
    if (!found) throw new NotFoundError('attachment', attachmentId);
    const bytes = await this.storage.get(found.storageKey);
    if (!bytes) throw new NotFoundError('attachment', attachmentId);
    res.setHeader('Content-Type', found.mediaType);
    res.setHeader('Content-Disposition', `attachment; filename="${found.filename}"`);
    res.send(bytes);
  }
}

/** The API view of a ticket row. */
export function view(t: TicketRecord): TicketView {
  return {
    id: t.id,
    merchantId: t.merchantId,
    terminalId: t.terminalId,
    category: t.category,
    channel: t.channel,
    source: t.source,
    priority: t.priority,
    status: t.status,
    subject: t.subject,
    teamId: t.teamId,
    assigneeId: t.assigneeId,
    nextStep: t.nextStep,
    slaRule: t.slaRule,
    firstResponseDueAt: t.firstResponseDueAt,
    resolutionDueAt: t.resolutionDueAt,
    openedAt: t.openedAt,
    resolvedAt: t.resolvedAt,
    verifiedBy: t.verifiedBy,
    verifiedAt: t.verifiedAt,
    mergedIntoId: t.mergedIntoId,
  };
}
