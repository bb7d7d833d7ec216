// RouterOS hotspot page language, as the virtual hotspot renders the pages a router holds in its html
// directory: `$(name)` inserts a variable as it is (RouterOS does not HTML-escape), `$(name-esc)` URL-escaped,
// `$(if name)`, `$(if name == value)` / `!=`, `$(elif …)`, `$(else)`, `$(endif)`. Inside
// `$(if http-status == 302)…$(endif)` the text is the status reason and the reply gets that status; inside
// `$(if http-header == "Name")…$(endif)` the text becomes that header's value.

export type TemplateVars = Readonly<Record<string, string | undefined>>;

export interface RenderedPage {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

type Token = { kind: 'text'; text: string } | { kind: 'tag'; tag: string };

function tokenize(source: string): Token[] {
  const out: Token[] = [];
  const re = /\$\(([^()]*)\)/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m.index > last) out.push({ kind: 'text', text: source.slice(last, m.index) });
    out.push({ kind: 'tag', tag: m[1]!.trim() });
    last = m.index + m[0].length;
  }
  if (last < source.length) out.push({ kind: 'text', text: source.slice(last) });
  return out;
}

const unquote = (v: string) => v.trim().replace(/^"(.*)"$/, '$1');

function lookup(name: string, vars: TemplateVars): string {
  const direct = vars[name];
  if (direct !== undefined) return direct;
  if (name.endsWith('-esc')) {
    const plain = vars[name.slice(0, -4)];
    if (plain !== undefined) return encodeURIComponent(plain);
  }
  return '';
}

interface Frame {
  /** Some branch of this if has already been taken. */
  taken: boolean;
  /** The current branch is being output. */
  active: boolean;
  /** Output of this branch goes to a status or header instead of the page. */
  capture?: { kind: 'status'; code: number } | { kind: 'header'; name: string };
  captured: string;
}

function condition(expr: string, vars: TemplateVars): { value: boolean; capture?: Frame['capture'] } {
  const m = /^([\w-]+)\s*(==|!=)\s*(.+)$/.exec(expr);
  if (!m) return { value: lookup(expr, vars) !== '' };
  const [, name, op, raw] = m as unknown as [string, string, string, string];
  const value = unquote(raw);
  if (name === 'http-status' && op === '==')
    return { value: true, capture: { kind: 'status', code: Number(value) } };
  if (name === 'http-header' && op === '==') return { value: true, capture: { kind: 'header', name: value } };
  const equal = lookup(name, vars) === value;
  return { value: op === '==' ? equal : !equal };
}

export function renderHotspotTemplate(source: string, vars: TemplateVars): RenderedPage {
  const stack: Frame[] = [];
  let body = '';
  let status = 200;
  const headers: Record<string, string> = {};
  const outputting = () => stack.every((f) => f.active);
  const emit = (text: string) => {
    if (!outputting()) return;
    const top = stack.at(-1);
    if (top?.capture) top.captured += text;
    else body += text;
  };

  for (const t of tokenize(source)) {
    if (t.kind === 'text') {
      emit(t.text);
      continue;
    }
    const [word, ...rest] = t.tag.split(/\s+/);
    const expr = rest.join(' ');
    if (word === 'if') {
      const parentOn = outputting();
      const c = condition(expr, vars);
      stack.push({
        taken: c.value,
        active: parentOn && c.value,
        captured: '',
        ...(c.capture ? { capture: c.capture } : {}),
      });
    } else if (word === 'elif') {
      const f = stack.at(-1);
      if (!f) continue;
      const c = condition(expr, vars);
      f.active = !f.taken && c.value && stack.slice(0, -1).every((p) => p.active);
      f.taken ||= c.value;
    } else if (word === 'else') {
      const f = stack.at(-1);
      if (!f) continue;
      f.active = !f.taken && stack.slice(0, -1).every((p) => p.active);
      f.taken = true;
    } else if (word === 'endif') {
      const f = stack.pop();
      if (f?.capture && f.active) {
        if (f.capture.kind === 'status') status = f.capture.code;
        else headers[f.capture.name] = f.captured.trim();
      }
    } else {
      emit(lookup(t.tag, vars));
    }
  }
  return { status, headers, body: body.replace(/^\s+/, '') };
}
