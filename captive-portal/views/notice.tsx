// The privacy notice (UU PDP Pasal 22–24): what is kept, why, how long, who to ask. Shown in full on the
// register form beside the consent box, and on its own page. A village may replace it with its own text.
import type { PageContext } from './page-context.js';

export interface NoticeContent {
  /** The village's own text, replacing the built-in one. */
  readonly customText?: string | undefined;
  readonly version: string;
  readonly sessionDays: number;
}

export function NoticeBody(p: { ctx: PageContext; notice: NoticeContent }) {
  const { m } = p.ctx;
  if (p.notice.customText !== undefined) {
    return (
      <div class="notice">
        {p.notice.customText
          .split(/\n\s*\n/)
          .filter((para) => para.trim())
          .map((para) => (
            <p>{para.trim()}</p>
          ))}
      </div>
    );
  }
  return (
    <dl class="notice">
      <dt>{m.notice.kept}</dt>
      <dd>{m.notice.keptText}</dd>
      <dt>{m.notice.why}</dt>
      <dd>{m.notice.whyText}</dd>
      <dt>{m.notice.howLong}</dt>
      <dd>{m.notice.howLongText(p.notice.sessionDays)}</dd>
      <dt>{m.notice.who}</dt>
      <dd>
        {m.notice.whoText({
          village: p.ctx.village,
          contact: p.ctx.contact,
          sessionDays: p.notice.sessionDays,
        })}
      </dd>
    </dl>
  );
}
