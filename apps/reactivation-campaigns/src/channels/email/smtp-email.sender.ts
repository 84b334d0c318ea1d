import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { ReactivationCampaignsConfig } from '../../config/reactivation-campaigns.config';
import { ChannelSender, OutboundMessage, SendResult } from '../channel-sender';

/** SMTP reply codes that say the mailbox itself is wrong (no retry, try another channel). */
const INVALID_MAILBOX = new Set([550, 551, 553]);

/**
 * Maps a nodemailer failure to a send result: 4xx and connection trouble retry, 5xx do not; a timeout
 * after the connection was up (the relay may have queued the message before its reply was lost) is
 * `unknown`: it is sent again with the same Message-ID and counted as a suspected duplicate.
 */
export function classifySmtpError(error: unknown): SendResult {
  const e = error as { responseCode?: number; code?: string; message?: string; command?: string };
  const detail = (e.message ?? String(error)).slice(0, 500);
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 500) {
      return { kind: INVALID_MAILBOX.has(e.responseCode) ? 'invalid_contact' : 'provider_error', detail };
    }
    return { kind: 'retryable', detail };
  }
  if (e.code === 'EENVELOPE') return { kind: 'invalid_contact', detail };
  if (e.code === 'ETIMEDOUT' && e.command !== 'CONN') return { kind: 'unknown', detail };
  return { kind: 'retryable', detail };
}

/** Email over SMTP (nodemailer, pooled connections; STARTTLS when the relay offers it). */
@Injectable()
export class SmtpEmailSender extends ChannelSender implements OnApplicationShutdown {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly config: ReactivationCampaignsConfig) {
    super();
    this.transport = createTransport({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE === 'true',
      pool: true,
      maxConnections: 5,
      auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } : undefined,
      // Local sinks speak plain SMTP; production relays must offer STARTTLS (requireTLS there).
      requireTLS: config.NODE_ENV === 'production',
      connectionTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.config.SMTP_FROM,
        to: message.address,
        subject: message.subject ?? '',
        text: message.body,
        // A stable Message-ID: a relay (or the merchant's client) can drop a re-sent duplicate.
        messageId: `<${message.sendId}@merchant-pulse.outreach>`,
        headers: { 'X-Pulse-Campaign': message.campaignId, 'X-Pulse-Purpose': message.purpose },
      });
      return { kind: 'delivered', providerMessageId: String(info.messageId ?? '').slice(0, 128) || null };
    } catch (error) {
      return classifySmtpError(error);
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
