// Form parts shared by the portal's forms: a labelled text field with its hint and its error beside it, a
// checkbox, the error summary, and the hidden fields that carry the CSRF token and the hotspot context.
import type { Child } from 'hono/jsx';
import { hotspotEntries } from '../hotspot-context.js';
import type { PageContext } from './page-context.js';

export interface TextFieldProps {
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly kind: 'number' | 'pin' | 'text';
  readonly maxlength: number;
  readonly value?: string | undefined;
  readonly autocomplete?: string;
}

export function TextField(p: TextFieldProps) {
  const described = [p.hint ? `${p.name}-hint` : '', p.error ? `${p.name}-err` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div>
      <label for={p.name}>{p.label}</label>
      {p.hint ? (
        <span class="hint" id={`${p.name}-hint`}>
          {p.hint}
        </span>
      ) : null}
      {p.error ? (
        <p class="err" id={`${p.name}-err`}>
          {`⚠ ${p.error}`}
        </p>
      ) : null}
      <input
        class="t"
        id={p.name}
        name={p.name}
        type={p.kind === 'pin' ? 'password' : 'text'}
        inputmode={p.kind === 'text' ? undefined : 'numeric'}
        autocomplete={p.autocomplete ?? 'off'}
        maxlength={p.maxlength}
        value={p.value}
        aria-describedby={described || undefined}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </div>
  );
}

export function CheckField(p: {
  name: string;
  label: string;
  error?: string | undefined;
  checked?: boolean;
}) {
  return (
    <div>
      {p.error ? (
        <p class="err" id={`${p.name}-err`}>
          {`⚠ ${p.error}`}
        </p>
      ) : null}
      <label class="check">
        <input
          type="checkbox"
          name={p.name}
          value="1"
          checked={p.checked}
          aria-describedby={p.error ? `${p.name}-err` : undefined}
          aria-invalid={p.error ? 'true' : undefined}
        />
        <span>{p.label}</span>
      </label>
    </div>
  );
}

export function ErrorSummary(p: { title: string; messages: readonly string[] }) {
  if (p.messages.length === 0) return null;
  return (
    <div class="alert" role="alert">
      <p>
        <b>{p.title}</b>
      </p>
      {p.messages.map((text) => (
        <p>{text}</p>
      ))}
    </div>
  );
}

export function Alert(p: { children?: Child; ok?: boolean }) {
  return (
    <div class={p.ok ? 'alert ok' : 'alert'} role={p.ok ? 'status' : 'alert'}>
      {p.children}
    </div>
  );
}

/** The CSRF token and the hotspot context, handed on with every form. */
export function HiddenFields(p: { ctx: PageContext }) {
  return (
    <>
      <input type="hidden" name="csrf" value={p.ctx.csrf} />
      {hotspotEntries(p.ctx.hs).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}
