// Everything we do with the server's secret key, through Web Crypto so it runs on Node and Workers alike:
// blind indexes (HMAC-SHA-256) to find a NIK without storing it, AES-256-GCM for the secrets we must recover,
// and a pepper for PIN hashes (HMAC-SHA-256, so a stolen database alone cannot be brute-forced offline). Every key
// is derived from the one master key with HKDF, so no use can weaken another.

const enc = new TextEncoder();
const dec = new TextDecoder();

/** `portal`, `admin`: the web's form and session tokens (an HMAC under the same derived key, each its own domain). */
export type IndexPurpose = 'nik' | 'kk' | 'portal' | 'admin' | 'voucher';

export class DecryptError extends Error {
  override name = 'DecryptError';
}

/** The HMAC keys derived from one master key: blind indexes and the PIN pepper. */
interface IndexKeys {
  readonly hmac: CryptoKey;
  readonly pepper: CryptoKey;
  /** A short public name of the master key they come from (an HMAC of a constant), stored beside what they hash. */
  readonly id: string;
}

export class Keyring {
  readonly #aesKey: CryptoKey;
  readonly #current: IndexKeys;
  #legacy: IndexKeys | undefined;
  /**
   * PBKDF2 rounds for new PIN hashes; undefined is the product's cost. Only the demo village lowers it (its
   * thousands of made-up residents would otherwise take minutes to register on a small box); a stored hash
   * names its own rounds, so it verifies whatever this says.
   */
  readonly pinHashIterations: number | undefined;

  private constructor(
    aesKey: CryptoKey,
    current: IndexKeys,
    legacy: IndexKeys | undefined,
    pinHashIterations: number | undefined,
  ) {
    this.#aesKey = aesKey;
    this.#current = current;
    this.#legacy = legacy;
    this.pinHashIterations = pinHashIterations;
  }

  /**
   * `masterKey` is 32 random bytes. `legacyIndexKey`, while a key rotation is being finished
   * (src/ops/key-reindex.ts), is the key from before it: NIK/KK indexes and PIN hashes not yet moved to the new
   * key are still under it, so lookups try the new key first and then this one, and a PIN under it verifies (and
   * is hashed again under the new key). New indexes and hashes are always made under the master key.
   */
  static async create(
    masterKey: Uint8Array,
    opts: { pinHashIterations?: number | undefined; legacyIndexKey?: Uint8Array | undefined } = {},
  ): Promise<Keyring> {
    if (masterKey.length !== 32) throw new RangeError('the master key must be 32 bytes');
    if (opts.legacyIndexKey && opts.legacyIndexKey.length !== 32)
      throw new RangeError('the legacy index key must be 32 bytes');
    const importRaw = (raw: Uint8Array) =>
      crypto.subtle.importKey('raw', raw as BufferSource, 'HKDF', false, ['deriveKey']);
    const derive = (
      from: CryptoKey,
      info: string,
      algorithm: HmacImportParams | AesKeyGenParams,
      usages: KeyUsage[],
    ) =>
      crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: enc.encode(info) },
        from,
        algorithm,
        false,
        usages,
      );
    const hmac = { name: 'HMAC', hash: 'SHA-256', length: 256 };
    const indexKeys = async (raw: Uint8Array): Promise<IndexKeys> => {
      const master = await importRaw(raw);
      const idKey = await derive(master, 'warganet/key-id/v1', hmac, ['sign']);
      const id = new Uint8Array(await crypto.subtle.sign('HMAC', idKey, enc.encode('key-id')));
      return {
        hmac: await derive(master, 'warganet/blind-index/v1', hmac, ['sign']),
        pepper: await derive(master, 'warganet/pin-pepper/v1', hmac, ['sign']),
        id: toBase64Url(id.subarray(0, 9)),
      };
    };
    const aesKey = await derive(
      await importRaw(masterKey),
      'warganet/encrypt/v1',
      { name: 'AES-GCM', length: 256 },
      ['encrypt', 'decrypt'],
    );
    const current = await indexKeys(masterKey);
    const legacy = opts.legacyIndexKey ? await indexKeys(opts.legacyIndexKey) : undefined;
    return new Keyring(
      aesKey,
      current,
      legacy?.id === current.id ? undefined : legacy,
      opts.pinHashIterations,
    );
  }

  static fromHex(
    hex: string,
    opts: { pinHashIterations?: number | undefined; legacyIndexKeyHex?: string | undefined } = {},
  ): Promise<Keyring> {
    return Keyring.create(hexToBytes(hex), {
      pinHashIterations: opts.pinHashIterations,
      legacyIndexKey: opts.legacyIndexKeyHex ? hexToBytes(opts.legacyIndexKeyHex) : undefined,
    });
  }

  /** The name of the key new indexes and PIN hashes are made under (stored with them: residents.index_key_id). */
  get keyId(): string {
    return this.#current.id;
  }

  /** The name of the key from before a rotation, while some indexes or PINs may still be under it. */
  get legacyKeyId(): string | undefined {
    return this.#legacy?.id;
  }

  /**
   * Drops the key from before a rotation once nothing is under it any more and its file is deleted
   * (src/services/keys/key-status.ts): lookups and PIN checks then use the current key alone, as after a restart.
   */
  forgetLegacyKey(): void {
    this.#legacy = undefined;
  }

  /** A stable, keyed lookup value for a NIK or KK number: equal inputs give equal outputs, nothing else leaks. */
  async blindIndex(purpose: IndexPurpose, value: string): Promise<string> {
    return mac(this.#current.hmac, `${purpose}:${value}`);
  }

  /** The same under the key from before a rotation; undefined when there is none. */
  async legacyBlindIndex(purpose: IndexPurpose, value: string): Promise<string | undefined> {
    return this.#legacy ? mac(this.#legacy.hmac, `${purpose}:${value}`) : undefined;
  }

  /** What a stored index of this value may be: under the key, then (during a re-index) under the old one. */
  async blindIndexes(purpose: IndexPurpose, value: string): Promise<string[]> {
    const legacy = await this.legacyBlindIndex(purpose, value);
    const current = await this.blindIndex(purpose, value);
    return legacy === undefined ? [current] : [current, legacy];
  }

  /** A PIN (or other short secret) keyed under the server key, the input to its slow hash. */
  async pepper(secret: string): Promise<string> {
    return mac(this.#current.pepper, secret);
  }

  /** The pepper under the key from before a rotation; undefined when there is none. */
  async legacyPepper(secret: string): Promise<string | undefined> {
    return this.#legacy ? mac(this.#legacy.pepper, secret) : undefined;
  }

  /** `v1.` + base64url(iv ‖ ciphertext ‖ tag). */
  async encrypt(plaintext: string): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, this.#aesKey, enc.encode(plaintext)),
    );
    const out = new Uint8Array(iv.length + ct.length);
    out.set(iv);
    out.set(ct, iv.length);
    return `v1.${toBase64Url(out)}`;
  }

  async decrypt(sealed: string): Promise<string> {
    if (!sealed.startsWith('v1.')) throw new DecryptError('unknown ciphertext version');
    const raw = fromBase64Url(sealed.slice(3));
    if (raw.length < 12 + 16) throw new DecryptError('ciphertext too short');
    try {
      const pt = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: raw.subarray(0, 12) as BufferSource },
        this.#aesKey,
        raw.subarray(12) as BufferSource,
      );
      return dec.decode(pt);
    } catch {
      throw new DecryptError('ciphertext does not verify under this key');
    }
  }
}

async function mac(key: CryptoKey, text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(text))));
}

/**
 * The first stored index of `value` found, trying the current key then the one from before a rotation: a
 * resident or voucher not yet re-indexed is still found.
 */
export async function findByBlindIndex<T>(
  keyring: Pick<Keyring, 'blindIndexes'>,
  purpose: IndexPurpose,
  value: string,
  find: (index: string) => Promise<T | undefined>,
): Promise<T | undefined> {
  for (const index of await keyring.blindIndexes(purpose, value)) {
    const found = await find(index);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function hexToBytes(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new RangeError('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
