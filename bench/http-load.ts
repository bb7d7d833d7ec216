// The benches' HTTP client: one request over a keep-alive agent, with the bytes that went over the wire, and
// percentiles of measured latencies.
import { type Agent, request } from 'node:http';

export interface Reply {
  status: number;
  body: Buffer;
  headerBytes: number;
  headers: Record<string, string | string[] | undefined>;
}

export function send(
  agent: Agent,
  port: number,
  path: string,
  opts: {
    method?: string;
    body?: string;
    cookie?: string;
    headers?: Record<string, string>;
    contentType?: string;
  } = {},
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? 'GET',
        headers: {
          host: 'portal.desa.test',
          'accept-language': 'id-ID,id;q=0.9',
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(opts.body ? { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded' } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          // Status line + header lines as they went over the wire.
          const headerBytes =
            `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length +
            res.rawHeaders.reduce((n, v, i) => n + v.length + (i % 2 === 0 ? 2 : 2), 0) +
            2;
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            headerBytes,
            headers: res.headers,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
