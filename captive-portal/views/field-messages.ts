// A service's field error (a catalogue key, maybe with the domain's own reason) in the page's words.
import type { FieldError } from '../../src/services/portal/registration.js';
import type { Messages } from '../messages/id.js';

export function fieldMessage(m: Messages, e: FieldError | undefined): string | undefined {
  if (!e) return undefined;
  const entry = (m.errors as Record<string, unknown>)[e.code];
  if (typeof entry === 'function') return (entry as (detail?: string) => string)(e.detail);
  if (typeof entry === 'string') return entry;
  return e.code;
}
