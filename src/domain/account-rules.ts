// The rules about a resident's account that the portal and the village office apply alike: when a resident is
// a child in law, how old someone is on a day, and what a device label may be.

/** Younger than this is a child (UU PDP Pasal 25, UU 35/2014): a parent's or guardian's consent is needed. */
export const ADULT_AGE = 18;

/** A device label fits a phone screen line and the operator's table. */
export const LABEL_MAX = 40;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Whole years between a YYYY-MM-DD birth date and the UTC day of `now` (epoch ms); undefined when unreadable. */
export function ageOn(birthDate: string, now: number): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return undefined;
  const today = new Date(now);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const month = today.getUTCMonth() + 1;
  const before = month < mo || (month === mo && today.getUTCDate() < d);
  return today.getUTCFullYear() - y - (before ? 1 : 0);
}

/**
 * The latest birth date (YYYY-MM-DD) of someone at least `age` years old on the UTC day of `now`, the same rule
 * as `ageOn`: the reports count residents of registering age in SQL by comparing birth dates with it.
 */
export function bornOnOrBefore(age: number, now: number): string {
  const today = new Date(now);
  const y = today.getUTCFullYear() - age;
  const m = today.getUTCMonth() + 1;
  const d = today.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A child on that day by the birth date; false when the date cannot be read. */
export function isMinor(birthDate: string, now: number): boolean {
  const age = ageOn(birthDate, now);
  return age !== undefined && age < ADULT_AGE;
}

/** A label already trimmed: at most LABEL_MAX characters, none of them control characters. */
export function labelAcceptable(label: string): boolean {
  return [...label].length <= LABEL_MAX && !CONTROL.test(label);
}
