/**
 * An HTTP endpoint in the test's process that keeps every request it gets —
 * an institution's webhook receiver, say — and answers 204, or 503 while
 * `down` is set (or what `answer` says).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: Record<string, string>;
  body: string;
  /** the status it was answered with */
  answered: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  down: boolean;
  /** the status it answers while up */
  answer: number;
  close(): Promise<void>;
}

export async function startReceiver(path = '/hook'): Promise<Receiver> {
  const state = { received: [] as Received[], down: false, answer: 204 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = state.down ? 503 : state.answer;
      state.received.push({ headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])), body: Buffer.concat(chunks).toString('utf8'), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
