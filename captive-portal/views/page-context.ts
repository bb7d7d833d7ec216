// What every portal page needs to know besides its own data: the words, the village, where the browser came
// from (the hotspot context it hands on), the nonce the page's inline style and script carry, and the form
// token.
import type { HotspotContext } from '../hotspot-context.js';
import type { Lang } from '../i18n.js';
import type { Messages } from '../messages/id.js';

export interface PageContext {
  readonly m: Messages;
  readonly lang: Lang;
  readonly village: string;
  readonly contact: string;
  readonly timeZone: string;
  readonly now: number;
  readonly hs: HotspotContext;
  /** `hs` as the query string links carry (`?mac=…`, or ''). */
  readonly q: string;
  /** CSP nonce for this response's inline <style> and <script>. */
  readonly nonce: string;
  /** The CSRF token for forms on this page. */
  readonly csrf: string;
  /** Link that shows this page in the other language. */
  readonly toggleHref: string;
  readonly hasLogo: boolean;
}
