// The portal's message catalogues; which language a request gets is decided by the web kit (src/web/lang.ts).
import type { Lang } from '../src/web/lang.js';
import { en } from './messages/en.js';
import { id, type Messages } from './messages/id.js';

export { chooseLang, fromAcceptLanguage, isLang, type Lang } from '../src/web/lang.js';

export const catalogues: Readonly<Record<Lang, Messages>> = { id, en };
