/**
 * A real SMTP peer for tests and the bench: smtp-server in this process, no
 * TLS, no authentication, on a free loopback port. It keeps every message it
 * accepted (parsed with mailparser), can answer slowly, refuse some
 * recipients, "freeze": hold every new message without ever answering, as
 * a server whose client died mid-send never accepted it, and go "down":
 * answer every new connection 421 (service not available) and close it.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  language: string | undefined;
}

export interface TestSmtpOptions {
  /** wait this long before answering each message */
  delayMs?: number;
  /** parse messages (false: only count them, for the bench) */
  parse?: boolean;
  /** the SMTP reply for a recipient: e.g. `550` refuses it for good, `451` for now; undefined accepts */
  refuse?: (recipient: string, attempt: number) => number | undefined;
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** messages accepted (also when not parsed) */
  count(): number;
  /** new messages are held without an answer until `thaw` */
  freeze(): void;
  thaw(): void;
  /** new connections are answered 421 and closed until `up` */
  down(): void;
  up(): void;
  /** connections turned away while down */
  turnedAway(): number;
  /** resolves once `predicate` holds for the received mail, or rejects after `timeoutMs` */
  waitFor(predicate: (mails: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const attempts = new Map<string, number>();
  let accepted = 0;
  let frozen = false;
  // how many times the server was frozen: a message is answered only if none began while it waited
  let freezes = 0;
  let unavailable = false;
  let turnedAway = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      if (!unavailable) {
        callback();
        return;
      }
      turnedAway++;
      callback(Object.assign(new Error('Service not available, closing transmission channel (test server down)'), { responseCode: 421 }));
    },
    onRcptTo(address, _session, callback) {
      const attempt = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, attempt);
      const code = options.refuse?.(address.address, attempt);
      if (code) {
        const error = Object.assign(new Error(`${code} mailbox ${address.address} refused by the test server`), { responseCode: code });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        // Frozen when it ends, or at any moment of its delay: never answered, so never accepted (the client will send it
        // again) — also when a thaw comes before the delay is over: it must not be answered late, to a client long gone.
        const heldAtEnd = frozen;
        const freezesAtEnd = freezes;
        void (async () => {
          if (options.delayMs) await sleep(options.delayMs);
          if (heldAtEnd || frozen || freezes !== freezesAtEnd) return;
          accepted++;
          if (options.parse !== false) {
            const mail = await simpleParser(Buffer.concat(chunks));
            const language = mail.headers.get('content-language');
            received.push({
              messageId: mail.messageId ?? '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              language: typeof language === 'string' ? language : undefined,
            });
          }
          callback();
        })();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    count: () => accepted,
    freeze() {
      frozen = true;
      freezes++;
    },
    thaw() {
      frozen = false;
    },
    down() {
      unavailable = true;
    },
    up() {
      unavailable = false;
    },
    turnedAway: () => turnedAway,
    async waitFor(predicate, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`the expected mail did not arrive within ${timeoutMs} ms (${received.length} received)`);
        await sleep(50);
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
