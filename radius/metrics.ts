// A small Prometheus registry, hand-written: we expose a dozen series, and the text format (v0.0.4) is a few
// lines of code, where prom-client would add a dependency with default process collectors and timers.

type Labels = Readonly<Record<string, string>>;

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const formatLabels = (labels: Labels) => {
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}="${escapeLabel(labels[k]!)}"`).join(',')}}`;
};

// The hot path counts with one label (kind, reason) from a handful of values: its text is remembered by name
// and value, so a count costs two map lookups instead of building and escaping a string per packet.
const oneLabel = new Map<string, Map<string, string>>();
const labelText = (labels: Labels) => {
  let name: string | undefined;
  for (const k in labels) {
    if (name !== undefined) return formatLabels(labels);
    name = k;
  }
  if (name === undefined) return '';
  const value = labels[name]!;
  let byValue = oneLabel.get(name);
  if (!byValue) {
    byValue = new Map();
    oneLabel.set(name, byValue);
  }
  let text = byValue.get(value);
  if (text === undefined) {
    text = formatLabels(labels);
    // Bounded: label values are a closed set of reasons; an unexpected flood is formatted, not remembered.
    if (byValue.size < 1000) byValue.set(value, text);
  }
  return text;
};

export class Counter {
  readonly #values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    this.#values.set(key, (this.#values.get(key) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.#values.get(labelText(labels)) ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [key, value] of this.#values) lines.push(`${this.name}${key} ${value}`);
    return lines.join('\n');
  }
}

export class Histogram {
  readonly #series = new Map<string, { counts: number[]; sum: number; count: number; labels: Labels }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}

  observe(value: number, labels: Labels = {}): void {
    const key = labelText(labels);
    let s = this.#series.get(key);
    if (!s) {
      s = { counts: this.buckets.map(() => 0), sum: 0, count: 0, labels };
      this.#series.set(key, s);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]!++;
    s.sum += value;
    s.count++;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.#series.values()) {
      this.buckets.forEach((b, i) => {
        lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: String(b) })} ${s.counts[i]}`);
      });
      lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${s.sum}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export function createRadiusMetrics() {
  const m = {
    requests: new Counter(
      'warganet_radius_requests_total',
      'Requests that verified (known router, valid signatures), by kind.',
    ),
    accepts: new Counter('warganet_radius_accepts_total', 'Access-Accepts sent, by reason (ok, throttled).'),
    rejects: new Counter('warganet_radius_rejects_total', 'Access-Rejects sent, by reason.'),
    drops: new Counter('warganet_radius_drops_total', 'Packets dropped without an answer, by reason.'),
    duplicates: new Counter(
      'warganet_radius_duplicates_total',
      'Retransmissions answered from the reply cache.',
    ),
    latency: new Histogram(
      'warganet_radius_request_duration_seconds',
      'Time from receiving a request to sending its answer, by kind.',
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    ),
    accountingWrites: new Counter(
      'warganet_radius_accounting_writes_total',
      'Accounting records made durable, by status type.',
    ),
    accountingCommits: new Counter(
      'warganet_radius_accounting_commits_total',
      'Accounting group commits (transactions), by outcome.',
    ),
    authLogWrites: new Counter('warganet_radius_auth_log_writes_total', 'Auth-log rows inserted or folded.'),
    coa: new Counter('warganet_radius_coa_total', 'CoA/Disconnect requests sent, by outcome.'),
  };
  return {
    ...m,
    /** The Prometheus text exposition of every series. */
    render(): string {
      return `${Object.values(m)
        .map((s) => s.render())
        .join('\n')}\n`;
    },
  };
}

export type RadiusMetrics = ReturnType<typeof createRadiusMetrics>;
