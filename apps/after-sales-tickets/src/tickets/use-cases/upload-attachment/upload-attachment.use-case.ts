import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { TransactionRunner } from '@merchant-pulse/database';
import { ObjectStorage, PiiKeyRing } from '@merchant-pulse/secure-storage';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AfterSalesTicketsConfig } from '../../../config/after-sales-tickets.config';
import { NotFoundError } from '../../../shared/ticket.errors';
import { supportEvent } from '../../../shared/support-events.outbox';
import { ATTACHMENT_MEDIA_TYPES, AttachmentTypeDetector } from '../../attachments/attachment-type.detector';
import { AttachmentRecord, TicketDetailsRepository } from '../../ticket-details.repository';
import { TicketJournal } from '../../ticket.journal';
import { TicketRepository } from '../../ticket.repository';

/** Attach a file to a ticket (the raw bytes as uploaded). */
export interface UploadAttachmentCommand {
  ticketId: string;
  filename: string;
  declaredType: string;
  bytes: Buffer;
  actor: string;
}

/**
 * Stores an attachment encrypted (the PII key ring, like KYC documents) after checking its size and its
 * type by magic bytes: 413 past ATTACHMENT_MAX_BYTES, 415 for a type outside the list or bytes that are
 * not what the Content-Type says.
 */
@Injectable()
export class UploadAttachmentUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tickets: TicketRepository,
    private readonly details: TicketDetailsRepository,
    private readonly journal: TicketJournal,
    private readonly storage: ObjectStorage,
    private readonly keyRing: PiiKeyRing,
    private readonly detector: AttachmentTypeDetector,
    private readonly config: AfterSalesTicketsConfig,
    private readonly clock: Clock,
  ) {}

  async execute(c: UploadAttachmentCommand): Promise<AttachmentRecord> {
    await this.assertAcceptable(c);
    const ticket = await this.tickets.findById(this.tx.manager, c.ticketId);
    if (!ticket) throw new NotFoundError('ticket', c.ticketId);
    const sha256 = createHash('sha256').update(c.bytes).digest('hex');
    const storageKey = `tickets/${ticket.id}/${sha256}`;
    await this.storage.put(storageKey, c.bytes, c.declaredType);
    return this.tx.run(async (manager) => {
      const at = this.clock.now();
      const record: AttachmentRecord = {
        id: uuidv7(),
        ticketId: ticket.id,
        filename: c.filename,
        mediaType: c.declaredType,
        sizeBytes: c.bytes.length,
        sha256,
        storageKey,
        keyId: this.keyRing.primaryId,
        uploadedBy: c.actor,
        uploadedAt: at,
      };
      await this.details.addAttachment(manager, record);
      await this.journal.record(
        manager,
        [
          {
            ticketId: ticket.id,
            at,
            actor: c.actor,
            action: 'attachment_added',
            field: 'attachment',
            newValue: c.filename,
          },
        ],
        [
          supportEvent(
            'TicketUpdated',
            ticket.merchantId,
            {
              ticketId: ticket.id,
              field: 'attachment',
              to: `${c.filename} (${c.declaredType}, ${c.bytes.length} bytes)`,
              actor: c.actor,
              changedAt: at.toISOString(),
            },
            at,
          ),
        ],
      );
      return record;
    });
  }

  private async assertAcceptable(c: UploadAttachmentCommand): Promise<void> {
    if (!(ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(c.declaredType))
      throw unsupported(`Content-Type must be one of ${ATTACHMENT_MEDIA_TYPES.join(', ')}`);
    if (c.bytes.length === 0)
      throw new HttpException({ message: 'the attachment is empty', code: 'empty' }, 400);
    if (c.bytes.length > this.config.ATTACHMENT_MAX_BYTES)
      throw new HttpException(
        {
          message: `attachments are limited to ${this.config.ATTACHMENT_MAX_BYTES} bytes`,
          code: 'too_large',
        },
        HttpStatus.PAYLOAD_TOO_LARGE,
      );
    const detected = await this.detector.detect(c.bytes);
    if (detected !== c.declaredType)
      throw unsupported(`the bytes are ${detected ?? 'of an unrecognised type'}, not ${c.declaredType}`);
  }
}

function unsupported(message: string): HttpException {
  return new HttpException({ message, code: 'unsupported_media_type' }, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
}
