// What every admin and report page is rendered with: the words, who is signed in, the form token, where we are.
import type { Operator } from '../../services/admins/admin-sessions.js';
import type { Lang } from '../lang.js';
import type { CommonMessages } from '../messages/common.js';

export interface WebPageContext {
  readonly m: CommonMessages;
  readonly lang: Lang;
  readonly village: string;
  readonly timeZone: string;
  readonly now: number;
  readonly operator: Operator | undefined;
  /** The token every POST form of this page carries (`_csrf`). */
  readonly csrf: string;
  /** The request's path, for the navigation's current item and the language toggle. */
  readonly path: string;
  /** The current URL with the other language (`?lang=`). */
  readonly toggleHref: string;
  /** A one-time message from the previous action (after a redirect). */
  readonly flash: string | undefined;
  readonly requestId: string;
}
