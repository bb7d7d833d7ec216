// Pieces the admin and report pages are made of: labelled fields with their error beside them, the form token,
// buttons that ask before a destructive action, a pager, and a message.
import type { Child } from 'hono/jsx';
import type { WebPageContext } from './page-context.js';

/** Field errors by input name, as a service names them (`ServiceError.field`) or a form check does. */
export type FieldErrors = Readonly<Record<string, string | undefined>>;

export function CsrfInput(props: { ctx: WebPageContext }) {
  return <input type="hidden" name="_csrf" value={props.ctx.csrf} />;
}

export function Field(props: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'text' | 'decimal' | 'numeric' | 'search' | 'none' | 'url' | 'email' | 'tel';
  maxlength?: number;
  autofocus?: boolean;
}) {
  const id = `f-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-err` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <p class="err" id={`${id}-err`}>
          {props.error}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        autofocus={props.autofocus}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  const id = `f-${props.name}`;
  return (
    <div>
      <label for={id}>{props.label}</label>
      {props.hint ? <span class="hint">{props.hint}</span> : null}
      {props.error ? (
        <p class="err" id={`${id}-err`}>
          {props.error}
        </p>
      ) : null}
      <select
        id={id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-err` : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Check the fields marked below", when a form came back with errors. */
export function ErrorSummary(props: {
  ctx: WebPageContext;
  errors: FieldErrors;
  general?: string | undefined;
}) {
  const any = props.general || Object.values(props.errors).some(Boolean);
  if (!any) return null;
  return (
    <div class="alert" role="alert">
      <p>{props.general ?? props.ctx.m.form.fixBelow}</p>
    </div>
  );
}

/**
 * A button that changes something, posted with the form token. With `confirm`, the browser asks first (script);
 * without script the route answers with a confirmation page (see the kit's `confirmed`).
 */
export function ActionButton(props: {
  ctx: WebPageContext;
  action: string;
  label: string;
  confirm?: string;
  danger?: boolean;
  small?: boolean;
  fields?: Readonly<Record<string, string>>;
}) {
  const cls = ['btn', props.danger ? 'd' : 's', props.small ? 'sm' : ''].filter(Boolean).join(' ');
  return (
    <form method="post" action={props.action} data-confirm={props.confirm} class="inline">
      <CsrfInput ctx={props.ctx} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button class={cls} type="submit">
        {props.label}
      </button>
    </form>
  );
}

/** Previous and next links; `hrefFor(page)` keeps the page's filters. */
export function Pager(props: {
  ctx: WebPageContext;
  page: number;
  hasNext: boolean;
  hrefFor: (page: number) => string;
  /** e.g. "1.234 warga" or "lebih dari 10.000". */
  total?: string | undefined;
}) {
  const { m } = props.ctx;
  return (
    <nav class="pager" aria-label={m.pager.label}>
      {props.page > 1 ? <a href={props.hrefFor(props.page - 1)}>{m.pager.previous}</a> : null}
      <span>{m.pager.page(props.page)}</span>
      {props.total ? <span class="muted">{props.total}</span> : null}
      {props.hasNext ? <a href={props.hrefFor(props.page + 1)}>{m.pager.next}</a> : null}
    </nav>
  );
}

export function MessageBody(props: { title: string; text: string | readonly string[]; children?: Child }) {
  const lines = typeof props.text === 'string' ? [props.text] : props.text;
  return (
    <>
      <h1>{props.title}</h1>
      <div class="card">
        {lines.map((line) => (
          <p>{line}</p>
        ))}
        {props.children}
      </div>
    </>
  );
}

/**
 * The box a table scrolls sideways in at 360 px. Focusable and named, so a keyboard user can scroll it too
 * (WCAG 2.1.1); named by `label` (the table's caption or heading) when the table has no caption of its own.
 */
export function TableBox(props: { label?: string | undefined; children?: Child }) {
  return (
    <section class="tw" tabindex={0} aria-label={props.label}>
      {props.children}
    </section>
  );
}
