// The server key sealed with a passphrase the operator chooses, for a backup that carries its own key:
// scrypt (N=2^15, r=8, p=1: about 0.1 s and 32 MB on a small ARM box, per try for someone guessing) and
// AES-256-GCM, whose tag tells a wrong passphrase from a damaged file only as "does not open" (both refuse).
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

export interface SealedKey {
  readonly kdf: 'scrypt';
  readonly n: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
  readonly iv: string;
  /** base64 of ciphertext ‖ tag. */
  readonly data: string;
}

const N = 2 ** 15;
const R = 8;
const P = 1;

function derive(passphrase: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: n, r, p, maxmem: 256 * n * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function sealKey(keyHex: string, passphrase: string): Promise<SealedKey> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derive(passphrase, salt, N, R, P), iv);
  cipher.setAAD(Buffer.from('warganet-backup-key/v1'));
  const data = Buffer.concat([cipher.update(keyHex, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    kdf: 'scrypt',
    n: N,
    r: R,
    p: P,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    data: data.toString('base64'),
  };
}

/** The key hex (`KEY:INDEXKEY` after a key rotation), or undefined when the passphrase is wrong (or the sealed key damaged). */
export async function openSealedKey(sealed: SealedKey, passphrase: string): Promise<string | undefined> {
  // Bounds on what a file may ask of this machine: a hostile N would exhaust memory.
  if (sealed.kdf !== 'scrypt' || sealed.n > 2 ** 20 || sealed.r > 32 || sealed.p > 16) return undefined;
  const data = Buffer.from(sealed.data, 'base64');
  if (data.length < 16) return undefined;
  const key = await derive(passphrase, Buffer.from(sealed.salt, 'base64'), sealed.n, sealed.r, sealed.p);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from('warganet-backup-key/v1'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    const hex = Buffer.concat([
      decipher.update(data.subarray(0, data.length - 16)),
      decipher.final(),
    ]).toString('utf8');
    return /^[0-9a-fA-F]{64}(:[0-9a-fA-F]{64})?$/.test(hex) ? hex : undefined;
  } catch {
    return undefined;
  }
}
