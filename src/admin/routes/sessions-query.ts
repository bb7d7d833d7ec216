// The sessions and login-log pages' filters from the query string (every value the visitor's choice): a router
// name, a MAC, a resident by part of a name, a full NIK or a masked one, and a page. Turned into the history
// query the services take; a malformed value is named by its field.
import { normalizeMac } from '../../domain/mac.js';
import type { HistoryQuery } from '../../services/radius/radius-history.js';

export const PAGE_SIZE = 50;

/** What one search box holds: a MAC, a NIK (full or masked), or part of a name. */
export function whoQuery(text: string): Pick<HistoryQuery, 'mac' | 'nik' | 'name'> {
  const t = text.trim().slice(0, 64);
  if (t === '') return {};
  if (normalizeMac(t)) return { mac: t };
  const compact = t.replace(/[\s.-]/g, '');
  if (/^[\d*]{16}$/.test(compact)) return { nik: compact };
  if (/^\d{10,}$/.test(compact)) return { nik: compact };
  return { name: t };
}

export function historyQueryOf(
  q: { router?: string | undefined; mac?: string | undefined; who?: string | undefined },
  page: number,
): HistoryQuery {
  const router = q.router?.trim().slice(0, 64) || undefined;
  const mac = q.mac?.trim().slice(0, 32) || undefined;
  // One row more than a page: whether there is a next page, without counting the whole table.
  return {
    limit: PAGE_SIZE + 1,
    offset: (page - 1) * PAGE_SIZE,
    router,
    ...(mac ? { mac } : {}),
    ...whoQuery(q.who ?? ''),
  };
}
