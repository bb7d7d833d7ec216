// Pages every phone gets (the welcome page, the login page), often many at once when a crowd joins: rendering
// them through JSX on each request was most of their CPU. They are rendered once with a slot marker wherever a
// per-request value goes, and filled in per request. Every slot sits in an HTML attribute value, and the value
// is escaped exactly as the JSX renderer would have escaped it, so the page comes out byte for byte the same.
// Filling is one pass over the parts split out of the template: a value that happens to contain marker text is
// never filled in again.
import { escapeAttribute } from '../src/web/security.js';

const SLOT = /@@wn-(\w+)@@/;

/** The marker for the per-request value `name`, to render in its place. */
export const slot = (name: string): string => `@@wn-${name}@@`;

export type PageTemplate = (values: Readonly<Record<string, string>>) => string;

export function compileTemplate(html: string): PageTemplate {
  // With the capture group, split gives [text, name, text, name, …, text].
  const parts = html.split(new RegExp(SLOT, 'g'));
  return (values) => {
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const value = values[parts[i]!];
      if (value === undefined) throw new Error(`page template: no value for slot ${parts[i]}`);
      out += escapeAttribute(value) + parts[i + 1]!;
    }
    return out;
  };
}
