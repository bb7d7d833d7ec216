// The CoA side of a plan change, against an independent RADIUS implementation (npm `radius`) playing the
// router's `/radius incoming`: the session is named, the plan's Mikrotik-Rate-Limit and -Group are sent, and the
// router's ACK or NAK decides whether the next fallback is needed.
import { createSocket, type Socket } from 'node:dgram';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coaLiveSessions } from '../radius/coa-live-sessions.js';
import type { LiveSessionTarget } from '../src/services/radius/live-sessions.js';

interface RadiusPacket {
  code: string;
  identifier: number;
  attributes: Record<string, unknown>;
}
interface RadiusLib {
  add_dictionary(file: string): void;
  decode_without_secret(args: { packet: Buffer }): RadiusPacket;
  encode_response(args: { packet: RadiusPacket; code: string; secret: string }): Buffer;
}
const radius = createRequire(import.meta.url)('radius') as RadiusLib;
radius.add_dictionary(fileURLToPath(new URL('../radius/dictionaries/dictionary.mikrotik', import.meta.url)));

const SECRET = 'radius-rahasia';

describe('CoA for live sessions after a plan change', () => {
  let router: Socket;
  let port: number;
  const received: RadiusPacket[] = [];
  let answer: Record<string, string> = {};

  beforeEach(async () => {
    received.length = 0;
    router = createSocket('udp4');
    router.on('message', (msg, from) => {
      const packet = radius.decode_without_secret({ packet: msg });
      received.push(packet);
      const code = answer[packet.code];
      if (code)
        router.send(radius.encode_response({ packet, code, secret: SECRET }), from.port, from.address);
    });
    await new Promise<void>((resolve) => router.bind(0, '127.0.0.1', resolve));
    port = router.address().port;
  });
  afterEach(() => router.close());

  const target: LiveSessionTarget = {
    nasIp: '127.0.0.1',
    radiusSecret: SECRET,
    session: {
      routerId: 1,
      acctSessionId: '8010000A',
      username: 'wn-siti01',
      mac: '02:00:00:00:00:0A',
      ip: '10.5.50.10',
    },
  };

  it('sends the new rate limit and group for the named session; a CoA-ACK means done', async () => {
    answer = { 'CoA-Request': 'CoA-ACK' };
    const updater = coaLiveSessions({ port, timeoutMs: 300, retries: 0 });
    expect(await updater.changeLimits!(target, { rateLimit: '4M/10M', group: 'wn-dasar' })).toBe(true);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      code: 'CoA-Request',
      attributes: {
        'User-Name': 'wn-siti01',
        'Acct-Session-Id': '8010000A',
        'Framed-IP-Address': '10.5.50.10',
        'NAS-IP-Address': '127.0.0.1',
        'Vendor-Specific': { 'Mikrotik-Rate-Limit': '4M/10M', 'Mikrotik-Group': 'wn-dasar' },
      },
    });
  });

  it('a CoA-NAK or silence is "not changed", so the caller falls back to a disconnect', async () => {
    answer = { 'CoA-Request': 'CoA-NAK', 'Disconnect-Request': 'Disconnect-ACK' };
    const updater = coaLiveSessions({ port, timeoutMs: 200, retries: 0 });
    expect(await updater.changeLimits!(target, { rateLimit: '4M/10M', group: 'wn-dasar' })).toBe(false);
    expect((await updater.end(target)).ok).toBe(true);
    answer = {};
    expect((await updater.end(target)).ok).toBe(false);
    expect(received.map((p) => p.code)).toEqual(['CoA-Request', 'Disconnect-Request', 'Disconnect-Request']);
  });
});
