// Everything we do with the server's secret key, through Web Crypto so it runs on Node and Workers alike:
// blind indexes (HMAC-SHA-256) to find a NIK without storing it, and AES-256-GCM for the secrets we must recover.
// and a pepper for PIN hashes (HMAC-SHA-256, so a stolen database alone cannot be brute-forced offline). Every key
// is derived from the one master key with HKDF, so no use can weaken another.

const enc = new TextEncoder();
const dec = new TextDecoder();

/** `portal`, `admin`: the web's form and session tokens (an HMAC under the same derived key, each its own domain). */
export type IndexPurpose = 'nik' | 'kk' | 'portal' | 'admin' | 'voucher';

export class DecryptError extends Error {
  override name = 'DecryptError';
}

export class Keyring {
  readonly #hmacKey: CryptoKey;
  readonly #aesKey: CryptoKey;
  readonly #pepperKey: CryptoKey;
  /**
   * PBKDF2 rounds for new PIN hashes; undefined is the product's cost. Only the demo village lowers it (its
   * thousands of made-up residents would otherwise take minutes to register on a small box); a stored hash
   * names its own rounds, so it verifies whatever this says.
   */
  readonly pinHashIterations: number | undefined;

  private constructor(
    hmacKey: CryptoKey,
    aesKey: CryptoKey,
    pepperKey: CryptoKey,
    pinHashIterations: number | undefined,
  ) {
    this.#hmacKey = hmacKey;
    this.#aesKey = aesKey;
    this.#pepperKey = pepperKey;
    this.pinHashIterations = pinHashIterations;
  }

  /**
   * `masterKey` is 32 random bytes. `indexKey`, after a key rotation (src/ops/key-rotation.ts), is the key from
   * before it: the HMACs (blind indexes, the PIN pepper) stay under it, because what they hash (NIKs, PINs) is
   * never stored and cannot be hashed again; only the encryption moves to the new master key.
   */
  static async create(
    masterKey: Uint8Array,
    opts: { pinHashIterations?: number | undefined; indexKey?: Uint8Array | undefined } = {},
  ): Promise<Keyring> {
    if (masterKey.length !== 32) throw new RangeError('the master key must be 32 bytes');
    if (opts.indexKey && opts.indexKey.length !== 32) throw new RangeError('the index key must be 32 bytes');
    const importRaw = (raw: Uint8Array) =>
      crypto.subtle.importKey('raw', raw as BufferSource, 'HKDF', false, ['deriveKey']);
    const master = await importRaw(masterKey);
    const indexMaster = opts.indexKey ? await importRaw(opts.indexKey) : master;
    const derive = (
      info: string,
      algorithm: HmacImportParams | AesKeyGenParams,
      usages: KeyUsage[],
      from = master,
    ) =>
      crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: enc.encode(info) },
        from,
        algorithm,
        false,
        usages,
      );
    const hmac = { name: 'HMAC', hash: 'SHA-256', length: 256 };
    const hmacKey = await derive('warganet/blind-index/v1', hmac, ['sign'], indexMaster);
    const aesKey = await derive('warganet/encrypt/v1', { name: 'AES-GCM', length: 256 }, [
      'encrypt',
      'decrypt',
    ]);
    const pepperKey = await derive('warganet/pin-pepper/v1', hmac, ['sign'], indexMaster);
    return new Keyring(hmacKey, aesKey, pepperKey, opts.pinHashIterations);
  }

  static fromHex(
    hex: string,
    opts: { pinHashIterations?: number | undefined; indexKeyHex?: string | undefined } = {},
  ): Promise<Keyring> {
    return Keyring.create(hexToBytes(hex), {
      pinHashIterations: opts.pinHashIterations,
      indexKey: opts.indexKeyHex ? hexToBytes(opts.indexKeyHex) : undefined,
    });
  }

  /** A stable, keyed lookup value for a NIK or KK number: equal inputs give equal outputs, nothing else leaks. */
  async blindIndex(purpose: IndexPurpose, value: string): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', this.#hmacKey, enc.encode(`${purpose}:${value}`));
    return toBase64Url(new Uint8Array(mac));
  }

  /** A PIN (or other short secret) keyed under the server key, the input to its slow hash. */
  async pepper(secret: string): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', this.#pepperKey, enc.encode(secret));
    return toBase64Url(new Uint8Array(mac));
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
