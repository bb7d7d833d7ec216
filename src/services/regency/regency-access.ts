// Who may do what at the regency: the regency admin (the Worker secret WARGANET_REGENCY_ADMIN_TOKEN as a bearer
// token, or signed in with it) enrols villages, rotates or revokes their tokens and makes officials; an official
// holds a bearer token the admin made (shown once, stored as SHA-256) scoped to the kabupaten, a kecamatan or one
// desa, and may trade it on the sign-in page for a browser session (HttpOnly cookie, 12 h). Every read is given
// the reader's AreaScope, so a scope is enforced by the query itself, never by a page remembering to filter.
import type { AreaScope, OfficialRecord, OfficialStore, Scope, VillageStore } from './regency-ports.js';
import { newSalt, randomToken, sameText, sha256Hex, villageToken } from './village-tokens.js';

export interface Reader {
  /** 0 for the regency admin. */
  readonly id: number;
  readonly name: string;
  readonly admin: boolean;
  readonly area: AreaScope;
}

export const SESSION_TTL_MS = 12 * 3600_000;
const ADMIN: Reader = { id: 0, name: 'Admin kabupaten', admin: true, area: { scope: 'kabupaten' } };

export interface AccessDeps {
  readonly villages: VillageStore;
  readonly officials: OfficialStore;
  readonly adminToken: string;
  readonly tokenSecret: string;
  readonly now: () => number;
}

function areaOf(o: OfficialRecord): AreaScope {
  if (o.scope === 'kecamatan') return { scope: 'kecamatan', kecamatan: o.area ?? '' };
  if (o.scope === 'desa') return { scope: 'desa', village: o.area ?? '' };
  return { scope: 'kabupaten' };
}

const readerOf = (o: OfficialRecord): Reader => ({ id: o.id, name: o.name, admin: false, area: areaOf(o) });

export function createAccessService(deps: AccessDeps) {
  const fromToken = async (token: string): Promise<Reader | undefined> => {
    if (deps.adminToken.length >= 16 && sameText(token, deps.adminToken)) return ADMIN;
    if (!token.startsWith('wro_')) return undefined;
    const o = await deps.officials.officialByTokenHash(await sha256Hex(token));
    return o ? readerOf(o) : undefined;
  };

  return {
    /** A bearer token: the admin's secret or an official's token. */
    bearer: fromToken,

    /** The sign-in page: a token for a session id (the cookie's value). */
    async signIn(token: string): Promise<{ sessionId: string; reader: Reader } | undefined> {
      const reader = await fromToken(token.trim());
      if (!reader) return undefined;
      const sessionId = randomToken('');
      await deps.officials.insertSession(await sha256Hex(sessionId), reader.id, deps.now() + SESSION_TTL_MS);
      return { sessionId, reader };
    },

    async session(sessionId: string): Promise<Reader | undefined> {
      if (!/^[\w-]{20,100}$/.test(sessionId)) return undefined;
      const id = await deps.officials.session(await sha256Hex(sessionId), deps.now());
      if (id === undefined) return undefined;
      if (id === 0) return ADMIN;
      const o = await deps.officials.official(id);
      return o && o.revokedAt === null ? readerOf(o) : undefined;
    },

    async signOut(sessionId: string): Promise<void> {
      await deps.officials.deleteSession(await sha256Hex(sessionId));
    },

    /** Enrols a village; its token is answered once (it is derived, see village-tokens.ts). */
    async enrol(v: { code: string; name: string; kecamatan: string }) {
      const salt = newSalt();
      if (!(await deps.villages.insert({ ...v, tokenSalt: salt, at: deps.now() }))) return undefined;
      return { token: await villageToken(deps.tokenSecret, v.code, salt) };
    },

    /** A new token for the village; the old one stops working at once. */
    async rotate(code: string) {
      const salt = newSalt();
      if (!(await deps.villages.setSalt(code, salt, deps.now()))) return undefined;
      return { token: await villageToken(deps.tokenSecret, code, salt) };
    },

    async revoke(code: string): Promise<boolean> {
      return deps.villages.setSalt(code, null, deps.now());
    },

    async createOfficial(o: { name: string; scope: Scope; area: string | null }) {
      const token = randomToken('wro_');
      const id = await deps.officials.insertOfficial({
        ...o,
        area: o.scope === 'kabupaten' ? null : o.area,
        tokenHash: await sha256Hex(token),
        at: deps.now(),
      });
      return { id, token };
    },

    listOfficials: () => deps.officials.listOfficials(),
    revokeOfficial: (id: number) => deps.officials.revokeOfficial(id, deps.now()),
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
