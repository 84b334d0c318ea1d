import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A note (internal) or a reply (to the merchant). */
export interface TicketMessage {
  id: string;
  ticketId: string;
  kind: 'note' | 'reply';
  author: string;
  body: string;
  createdAt: Date;
}

/** An attachment's record (the bytes are encrypted in object storage under `storageKey`). */
export interface AttachmentRecord {
  id: string;
  ticketId: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  keyId: string;
  uploadedBy: string;
  uploadedAt: Date;
}

/** Evidence attached by automation (e.g. the TerminalHealthDegraded measurement). */
export interface EvidenceRecord {
  ticketId: string;
  sourceEventId: string;
  kind: string;
  payload: Record<string, unknown>;
  recordedAt: Date;
}

/** A link between two tickets. */
export interface TicketLink {
  relatedId: string;
  kind: 'related' | 'duplicate_of' | 'duplicate';
  createdAt: Date;
}

/** Messages, links, attachments and evidence of tickets. */
@Injectable()
export class TicketDetailsRepository {
  async addMessage(manager: EntityManager, m: TicketMessage): Promise<void> {
    await manager.query(
      `INSERT INTO ticket_messages (id, ticket_id, kind, author, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [m.id, m.ticketId, m.kind, m.author, m.body, m.createdAt],
    );
  }

  async messagesOf(manager: EntityManager, ticketId: string): Promise<TicketMessage[]> {
    return manager.query(
      `SELECT id, ticket_id AS "ticketId", kind, author, body, created_at AS "createdAt"
       FROM ticket_messages WHERE ticket_id = $1 ORDER BY created_at, id`,
      [ticketId],
    );
  }

  /** Links both ways (`kind` from a's side, `back` from b's side); an existing link is kept. */
  async link(
    manager: EntityManager,
    a: string,
    b: string,
    kind: TicketLink['kind'],
    back: TicketLink['kind'],
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ticket_links (ticket_id, related_id, kind, created_at) VALUES ($1, $2, $3, $5), ($2, $1, $4, $5)
       ON CONFLICT (ticket_id, related_id) DO UPDATE SET kind = EXCLUDED.kind`,
      [a, b, kind, back, at],
    );
  }

  async linksOf(manager: EntityManager, ticketId: string): Promise<TicketLink[]> {
    return manager.query(
      `SELECT related_id AS "relatedId", kind, created_at AS "createdAt" FROM ticket_links WHERE ticket_id = $1
       ORDER BY created_at`,
      [ticketId],
    );
  }

  async addAttachment(manager: EntityManager, a: AttachmentRecord): Promise<void> {
    await manager.query(
      `INSERT INTO ticket_attachments (id, ticket_id, filename, media_type, size_bytes, sha256, storage_key, key_id, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        a.id,
        a.ticketId,
        a.filename,
        a.mediaType,
        a.sizeBytes,
        a.sha256,
        a.storageKey,
        a.keyId,
        a.uploadedBy,
        a.uploadedAt,
      ],
    );
  }

  async attachmentsOf(manager: EntityManager, ticketId: string): Promise<AttachmentRecord[]> {
    return manager.query(
      `SELECT id, ticket_id AS "ticketId", filename, media_type AS "mediaType", size_bytes AS "sizeBytes", sha256,
              storage_key AS "storageKey", key_id AS "keyId", uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt"
       FROM ticket_attachments WHERE ticket_id = $1 ORDER BY uploaded_at, id`,
      [ticketId],
    );
  }

  /** Adds evidence once per (ticket, source event); returns false when it was already there. */
  async addEvidence(manager: EntityManager, e: EvidenceRecord): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO ticket_evidence (ticket_id, source_event_id, kind, payload, recorded_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id, source_event_id) DO NOTHING RETURNING id`,
      [e.ticketId, e.sourceEventId, e.kind, JSON.stringify(e.payload), e.recordedAt],
    );
    return rows.length > 0;
  }

  async evidenceOf(manager: EntityManager, ticketId: string): Promise<EvidenceRecord[]> {
    return manager.query(
      `SELECT ticket_id AS "ticketId", source_event_id AS "sourceEventId", kind, payload, recorded_at AS "recordedAt"
       FROM ticket_evidence WHERE ticket_id = $1 ORDER BY id`,
      [ticketId],
    );
  }
}
