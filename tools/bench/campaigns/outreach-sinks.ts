import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message the local SMTP sink accepted. */
export interface ReceivedMail {
  to: string[];
  messageId: string | null;
  subject: string;
  text: string;
  receivedAtMs: number;
}

/** A request the local SMS gateway sink answered. */
export interface ReceivedSms {
  to: string;
  text: string;
  reference: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  status: number;
  /** True when the sink answered a repeated Idempotency-Key from its store (nothing delivered again). */
  replayed: boolean;
  receivedAtMs: number;
}

function decodeWords(header: string): string {
  return header.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const s = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes the single-part text messages nodemailer writes (headers, base64 or quoted-printable body). */
export function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string): string | null =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? null;
  const encoding = (header('Content-Transfer-Encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return {
    to,
    messageId: header('Message-ID'),
    subject: decodeWords(header('Subject') ?? ''),
    text: text.replace(/\r\n$/, ''),
    receivedAtMs: Date.now(),
  };
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that keeps what it received. Like a relay that
 * de-duplicates, a message whose Message-ID it already accepted is acknowledged but not kept again
 * (counted in `duplicateMessageIds`).
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  duplicateMessageIds = 0;
  private readonly seenMessageIds = new Set<string>();
  /** Recipients the sink refuses with 550 (an invalid mailbox). */
  readonly rejectRecipients = new Set<string>();
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 1024 * 1024,
      onRcptTo: (address, _session, callback) => {
        if (this.rejectRecipients.has(address.address)) {
          const error = new Error('mailbox unavailable') as Error & { responseCode: number };
          error.responseCode = 550;
          return callback(error);
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          const mail = parseMail(Buffer.concat(chunks).toString('utf8'), to);
          if (mail.messageId && this.seenMessageIds.has(mail.messageId)) this.duplicateMessageIds += 1;
          else {
            if (mail.messageId) this.seenMessageIds.add(mail.messageId);
            this.received.push(mail);
          }
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/**
 * A local HTTP SMS gateway that behaves like a real provider: `POST /v1/messages` answers 200
 * `{messageId}`, or the status `statusFor(to)` picks (e.g. 400 for a bad number, 503 a number of times to
 * exercise retries); it honours `Idempotency-Key` (a repeated key is answered from its store with
 * `Idempotent-Replayed: true` and nothing is delivered again) unless `honourIdempotencyKey` is off; and
 * `GET /v1/messages/{reference}` answers the accepted message (200) or 404. `acceptThenStallMs(to)`
 * accepts a message and then holds the answer that long (a gateway that times out after accepting).
 * Keeps every request.
 */
export class SmsSink {
  readonly received: ReceivedSms[] = [];
  statusFor: (to: string) => number = () => 200;
  acceptThenStallMs: (to: string) => number = () => 0;
  honourIdempotencyKey = true;
  private readonly byKey = new Map<string, string>();
  private readonly byReference = new Map<string, string>();
  private server?: Server;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/v1/messages`;
  }

  /** Messages the sink accepted and delivered (2xx, not an idempotent replay). */
  get accepted(): ReceivedSms[] {
    return this.received.filter((m) => m.status < 300 && !m.replayed);
  }

  async start(): Promise<this> {
    this.server = createServer(
      (req, res) => void this.handle(req, res.writeHead.bind(res), (b) => res.end(b)),
    );
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  private async handle(
    req: IncomingMessage,
    writeHead: (status: number, headers: Record<string, string>) => unknown,
    end: (body: string) => void,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === 'GET') {
      const reference = decodeURIComponent(/\/v1\/messages\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? '');
      const messageId = this.byReference.get(reference);
      writeHead(messageId ? 200 : 404, { 'content-type': 'application/json' });
      return end(JSON.stringify(messageId ? { messageId, reference } : { error: 'not found' }));
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      to: string;
      text: string;
      reference: string;
    };
    const key = req.headers['idempotency-key'] as string | undefined;
    const stored = this.honourIdempotencyKey && key ? this.byKey.get(key) : undefined;
    const status = stored ? 200 : this.statusFor(body.to);
    this.received.push({
      ...body,
      authorization: req.headers.authorization,
      idempotencyKey: key,
      status,
      replayed: stored !== undefined,
      receivedAtMs: Date.now(),
    });
    if (stored) {
      writeHead(200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
      return end(JSON.stringify({ messageId: stored }));
    }
    if (status >= 300) {
      writeHead(status, { 'content-type': 'application/json' });
      return end(JSON.stringify({ error: 'refused' }));
    }
    const messageId = `sms-${this.received.length}`;
    if (key) this.byKey.set(key, messageId);
    this.byReference.set(body.reference, messageId);
    const stall = this.acceptThenStallMs(body.to);
    if (stall > 0) await new Promise((resolve) => setTimeout(resolve, stall));
    writeHead(200, { 'content-type': 'application/json' });
    end(JSON.stringify({ messageId }));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
