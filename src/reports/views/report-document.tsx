// A standalone page shell for the reports (the print page, and the pages until they sit in the admin layout):
// the report stylesheet inline, nothing loaded from elsewhere.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { REPORT_CSS } from './report-css.js';

export function ReportDocument(props: {
  lang: string;
  title: string;
  nonce?: string | undefined;
  children?: Child;
}) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{props.title}</title>
        <link rel="icon" href="data:," />
        <style nonce={props.nonce}>{raw(REPORT_CSS)}</style>
      </head>
      <body>
        <main class="reports">{props.children}</main>
      </body>
    </html>
  );
}
