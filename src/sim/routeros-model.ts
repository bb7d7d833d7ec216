// The virtual router's configuration: tables with `*N` ids and singleton menus, checked and printed the way
// RouterOS does it for the version it pretends to be (booleans `yes`/`no` before 7, `true`/`false` from 7;
// properties that appeared later are unknown before their version).
import {
  formatRosDuration,
  parseBool,
  parseList,
  parseRosDuration,
  versionAtLeast,
} from '../routeros/values.js';
import { MENU_SPECS, type MenuSpec, type PropSpec } from './routeros-menus.js';
import { compileQuery } from './routeros-query.js';

/** A RouterOS `!trap`: the command failed and nothing changed. */
export class SimTrap extends Error {
  override name = 'SimTrap';
  constructor(
    message: string,
    readonly category?: number,
  ) {
    super(message);
  }
}

export interface ResourceFacts {
  boardName: string;
  architecture: string;
  cpuLoad: number;
  totalMemory: number;
  freeMemory: number;
}

interface Item {
  readonly id: string;
  readonly values: Map<string, string>;
}

interface MenuState {
  readonly spec: MenuSpec;
  readonly items: Item[];
  nextId: number;
}

export interface PrintOptions {
  readonly proplist?: readonly string[] | undefined;
  readonly queries?: readonly string[] | undefined;
}

export class RouterModel {
  readonly version: string;
  readonly resource: ResourceFacts;
  readonly #menus = new Map<string, MenuState>();
  readonly #startedAt: number;
  readonly #now: () => number;

  constructor(version: string, options: { now?: () => number; resource?: Partial<ResourceFacts> } = {}) {
    this.version = version;
    this.#now = options.now ?? Date.now;
    this.#startedAt = this.#now();
    this.resource = {
      boardName: 'hAP ac lite',
      architecture: 'mipsbe',
      cpuLoad: 3,
      totalMemory: 67_108_864,
      freeMemory: 40_000_000,
      ...options.resource,
    };
    for (const spec of MENU_SPECS) this.#menus.set(spec.path, { spec, items: [], nextId: 1 });
    for (const spec of MENU_SPECS)
      if (spec.kind === 'singleton') this.#state(spec.path).items.push(newItem('*0'));
    this.#seedFactoryDefaults();
  }

  hasMenu(path: string): boolean {
    return this.#menus.has(path);
  }

  menuSpec(path: string): MenuSpec | undefined {
    return this.#menus.get(path)?.spec;
  }

  print(path: string, options: PrintOptions = {}): Record<string, string>[] {
    const state = this.#state(path);
    const match = compileQuery(options.queries ?? []);
    const rows = state.items.map((item) => this.#render(state, item)).filter(match);
    if (!options.proplist) return rows;
    const wanted = options.proplist;
    return rows.map((row) => Object.fromEntries(wanted.filter((p) => p in row).map((p) => [p, row[p]!])));
  }

  add(path: string, props: Readonly<Record<string, string>>): string {
    const state = this.#state(path);
    if (state.spec.kind !== 'table' || !state.spec.canAdd) throw new SimTrap('no such command', 0);
    const values = this.#checkProps(state.spec, props, false);
    this.#checkUnique(state, values);
    const item = { id: `*${(state.nextId++).toString(16).toUpperCase()}`, values };
    state.items.push(item);
    return item.id;
  }

  set(path: string, ids: string | undefined, props: Readonly<Record<string, string>>): void {
    const state = this.#state(path);
    if (!state.spec.canSet) throw new SimTrap('no such command', 0);
    const values = this.#checkProps(state.spec, props, false);
    const items = state.spec.kind === 'singleton' ? state.items : this.#resolve(state, ids);
    for (const item of items) {
      this.#checkUnique(state, values, item);
      for (const [k, v] of values) item.values.set(k, v);
    }
  }

  remove(path: string, ids: string | undefined): void {
    const state = this.#state(path);
    if (state.spec.kind !== 'table' || !state.spec.canRemove) throw new SimTrap('no such command', 0);
    const items = this.#resolve(state, ids);
    if (items.some((i) => parseBool(i.values.get('default'))))
      throw new SimTrap('failure: cannot remove default');
    for (const item of items) state.items.splice(state.items.indexOf(item), 1);
  }

  /** Adds an item as the router itself would (read-only fields allowed): active sessions, files, defaults. */
  insert(path: string, props: Readonly<Record<string, string>>): string {
    const state = this.#state(path);
    const values = this.#checkProps(state.spec, props, true);
    const item = { id: `*${(state.nextId++).toString(16).toUpperCase()}`, values };
    state.items.push(item);
    return item.id;
  }

  #state(path: string): MenuState {
    const state = this.#menus.get(path);
    if (!state) throw new SimTrap('no such command prefix', 0);
    return state;
  }

  #known(spec: PropSpec): boolean {
    return spec.since === undefined || versionAtLeast(this.version, spec.since);
  }

  #checkProps(
    menu: MenuSpec,
    props: Readonly<Record<string, string>>,
    asRouter: boolean,
  ): Map<string, string> {
    const values = new Map<string, string>();
    for (const [name, raw] of Object.entries(props)) {
      const spec = menu.props[name];
      if (!spec || !this.#known(spec)) throw new SimTrap(`unknown parameter ${name}`, 1);
      if (spec.readOnly && !asRouter) throw new SimTrap(`${name} is read-only`, 1);
      values.set(name, canonical(name, spec, raw));
    }
    return values;
  }

  #checkUnique(state: MenuState, values: Map<string, string>, self?: Item): void {
    const key = state.spec.key;
    if (!key || !values.has(key)) {
      if (key && !self) throw new SimTrap(`failure: ${key} must be set`, 1);
      return;
    }
    const value = values.get(key);
    if (state.items.some((i) => i !== self && i.values.get(key) === value)) {
      throw new SimTrap(`failure: already have such ${key}`);
    }
  }

  #resolve(state: MenuState, ids: string | undefined): Item[] {
    if (!ids) throw new SimTrap('missing value for .id', 1);
    return parseList(ids).map((ref) => {
      const key = state.spec.key;
      const item = state.items.find((i) => i.id === ref || (key !== undefined && i.values.get(key) === ref));
      if (!item) throw new SimTrap('no such item', 0);
      return item;
    });
  }

  #render(state: MenuState, item: Item): Record<string, string> {
    if (state.spec.path === '/system/resource') return this.#resourceRow();
    const row: Record<string, string> = state.spec.kind === 'table' ? { '.id': item.id } : {};
    for (const [name, spec] of Object.entries(state.spec.props)) {
      if (!this.#known(spec)) continue;
      const fallback = typeof spec.default === 'function' ? spec.default(this.version) : spec.default;
      const value = item.values.get(name) ?? fallback;
      if (value === undefined || (value === '' && spec.type !== 'string')) continue;
      if (value === '' && !item.values.has(name)) continue;
      row[name] = spec.type === 'bool' ? this.#bool(parseBool(value) ?? false) : value;
    }
    return row;
  }

  #bool(value: boolean): string {
    if (versionAtLeast(this.version, '7.0')) return value ? 'true' : 'false';
    return value ? 'yes' : 'no';
  }

  #resourceRow(): Record<string, string> {
    const r = this.resource;
    const channel = versionAtLeast(this.version, '7.0') ? 'stable' : 'long-term';
    return {
      uptime: formatRosDuration(Math.floor((this.#now() - this.#startedAt) / 1000) * 1000),
      version: `${this.version} (${channel})`,
      'build-time': '2025-03-11 11:59:04',
      'factory-software': '6.44.6',
      'free-memory': String(r.freeMemory),
      'total-memory': String(r.totalMemory),
      cpu: 'MIPS 24Kc V7.4',
      'cpu-count': '1',
      'cpu-frequency': '650',
      'cpu-load': String(r.cpuLoad),
      'free-hdd-space': '4444160',
      'total-hdd-space': '16777216',
      'architecture-name': r.architecture,
      'board-name': r.boardName,
      platform: 'MikroTik',
    };
  }

  #seedFactoryDefaults(): void {
    this.insert('/ip/hotspot/profile', { name: 'default', default: 'true' });
    this.insert('/ip/hotspot/user/profile', { name: 'default', default: 'true' });
    this.insert('/interface', { name: 'ether1' });
    this.insert('/interface', { name: 'bridge', type: 'bridge' });
    if (versionAtLeast(this.version, '7.0')) this.set('/radius/incoming', undefined, { port: '3799' });
  }
}

function newItem(id: string): Item {
  return { id, values: new Map() };
}

function canonical(name: string, spec: PropSpec, raw: string): string {
  const bad = () => new SimTrap(`invalid value for argument ${name}`, 1);
  switch (spec.type) {
    case 'bool': {
      const b = parseBool(raw);
      if (b === undefined) throw bad();
      return String(b);
    }
    case 'int':
      if (raw !== '' && !/^\d+$/.test(raw.trim())) throw bad();
      return raw.trim();
    case 'duration': {
      if (raw.trim().toLowerCase() === 'none') return 'none';
      const ms = parseRosDuration(raw);
      if (ms === undefined) throw bad();
      return ms === null ? '' : formatRosDuration(ms);
    }
    case 'list': {
      const members = parseList(raw);
      if (spec.members) {
        if (members.some((m) => !spec.members!.includes(m))) throw bad();
        return spec.members.filter((m) => members.includes(m)).join(',');
      }
      return members.join(',');
    }
    default:
      return raw;
  }
}
