// The router form and the API body as the routers service's input. Editing sends only what changed, so that a
// field left as it was is never re-checked or audited as a change; secrets are sent only when typed.
import type { RouterView } from '../../services/routers/router-record.js';
import type { RouterInput } from '../../services/routers/routers.js';
import type { FormBody } from '../../web/web-kit.js';
import type { RouterFormValues } from '../views/router-form.js';

const TEXT_FIELDS = [
  'name',
  'nasIp',
  'secret',
  'apiHost',
  'apiPort',
  'apiUser',
  'apiPassword',
  'hotspotServer',
  'hotspotProfile',
  'hotspotAddress',
  'dusun',
] as const;

/**
 * Changing these is for the admin role: the secrets, and where they are sent (a router's RADIUS packets and CoA go
 * to its NAS IP signed with the secret; the API password goes to the API address as the API user).
 */
export const SECRET_FIELDS = [
  'secret',
  'apiPassword',
  'nasIp',
  'apiHost',
  'apiPort',
  'apiUser',
  'apiTls',
] as const;

export function readRouterForm(form: FormBody): RouterFormValues {
  const values: Record<string, string> = {};
  for (const f of TEXT_FIELDS) values[f] = form.get(f).slice(0, 300);
  values.apiTls = form.get('apiTls') === '1' ? '1' : '';
  values.requireMessageAuth = form.get('requireMessageAuth') === '1' ? '1' : '';
  return values;
}

export type RouterChanges = Partial<RouterInput> & { name?: string | undefined };

/** A new router's input (no `current`), or what differs from the stored router. */
export function routerChanges(v: RouterFormValues, current: RouterView | undefined): RouterChanges {
  const given = (k: string) => (v[k] ?? '').trim();
  if (!current) {
    const opt = (k: string) => given(k) || undefined;
    return {
      name: given('name'),
      nasIp: given('nasIp'),
      secret: v.secret ?? '',
      apiHost: opt('apiHost'),
      apiPort: opt('apiPort'),
      apiUser: opt('apiUser'),
      apiPassword: v.apiPassword ? v.apiPassword : undefined,
      apiTls: v.apiTls === '1' ? true : undefined,
      hotspotServer: opt('hotspotServer'),
      hotspotProfile: opt('hotspotProfile'),
      hotspotAddress: opt('hotspotAddress'),
      dusun: opt('dusun'),
      requireMessageAuth: v.requireMessageAuth === '1',
    };
  }
  const out: Record<string, string | boolean> = {};
  const stored: Record<string, string> = {
    nasIp: current.nasIp,
    apiHost: current.apiHost ?? '',
    apiPort: current.apiPort === null ? '' : String(current.apiPort),
    apiUser: current.apiUser ?? '',
    hotspotServer: current.hotspotServer ?? '',
    hotspotProfile: current.hotspotProfile ?? '',
    hotspotAddress: current.hotspotAddress ?? '',
    dusun: current.dusun ?? '',
  };
  for (const [k, was] of Object.entries(stored)) {
    // A disabled field is not posted at all: absent is "unchanged", not "cleared".
    if (v[k] === undefined) continue;
    if (given(k) !== was) out[k] = given(k);
  }
  // An emptied port means "the default": let the service choose it from TLS.
  if (out.apiPort === '') delete out.apiPort;
  if (v.secret) out.secret = v.secret;
  if (v.apiPassword) out.apiPassword = v.apiPassword;
  if (v.apiTls !== undefined && (v.apiTls === '1') !== current.apiTls) out.apiTls = v.apiTls === '1';
  if (v.requireMessageAuth !== undefined && (v.requireMessageAuth === '1') !== current.requireMessageAuth)
    out.requireMessageAuth = v.requireMessageAuth === '1';
  return out as RouterChanges;
}

/** The admin-only fields a change touches. */
export function secretFieldsIn(changes: RouterChanges): string[] {
  return SECRET_FIELDS.filter((f) => changes[f] !== undefined);
}
