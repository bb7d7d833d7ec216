// Commander's own words in Indonesian: its parse errors (unknown option, missing argument, …) and its help
// headings. Operators are village staff; an English "error: unknown option" is a message they cannot act on.
// Commander builds these texts itself, so they are translated on their way out, by their fixed shapes.
import { type Command, Help } from 'commander';

const ERRORS: ReadonlyArray<readonly [RegExp, (...groups: string[]) => string]> = [
  [/^unknown option '(.+?)'/, (o) => `opsi tidak dikenal: ${o}`],
  [/^unknown command '(.+?)'/, (c) => `perintah tidak dikenal: ${c}`],
  [/^missing required argument '(.+?)'/, (a) => `argumen wajib belum diisi: ${a}`],
  [/^option '(.+?)' argument missing/, (o) => `opsi ${o} perlu nilai`],
  [/^required option '(.+?)' not specified/, (o) => `opsi wajib belum diisi: ${o}`],
  [
    /^too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (c, expected, got) =>
      `terlalu banyak argumen${c ? ` untuk '${c}'` : ''}: paling banyak ${expected}, ada ${got}.`,
  ],
  [/^option '(.+?)' argument '(.*?)' is invalid\./, (o, v) => `nilai '${v}' untuk opsi ${o} tidak sah.`],
  [
    /^command-argument value '(.*?)' is invalid for argument '(.+?)'\./,
    (v, a) => `nilai '${v}' untuk argumen ${a} tidak sah.`,
  ],
  [/^(.+) cannot be used with (.+)$/, (a, b) => `${a} tidak bisa dipakai bersama ${b}`],
  [/^\(Did you mean one of (.+)\?\)$/, (list) => `(Maksud Anda salah satu dari ${list}?)`],
  [/^\(Did you mean (.+)\?\)$/, (one) => `(Maksud Anda ${one}?)`],
];

/** One of commander's error texts (`error: …`, possibly several lines) as the operator reads it. */
export function translateCommanderError(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const body = line.startsWith('error: ') ? line.slice('error: '.length) : line;
      for (const [shape, say] of ERRORS) {
        const m = shape.exec(body);
        // The rest of the line (a parser's own message after "is invalid.") is ours, already Indonesian.
        if (m) return `${line === body ? '' : 'warganet: '}${say(...m.slice(1))}${body.slice(m[0].length)}`;
      }
      return line.startsWith('error: ') ? `warganet: ${body}` : line;
    })
    .join('\n');
}

const TITLES: Readonly<Record<string, string>> = {
  'Usage:': 'Penggunaan:',
  'Arguments:': 'Argumen:',
  'Options:': 'Opsi:',
  'Global Options:': 'Opsi umum:',
  'Commands:': 'Perintah:',
};

const usageWords = (text: string) => text.replace('[options]', '[opsi]').replace('[command]', '[perintah]');

/** Overrides for commander's help (`configureHelp`): headings and usage placeholders in Indonesian. */
export const indonesianHelp = {
  styleTitle: (title: string): string => TITLES[title] ?? title,
  commandUsage(this: Help, cmd: Command): string {
    return usageWords(Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(this: Help, cmd: Command): string {
    return usageWords(Help.prototype.subcommandTerm.call(this, cmd));
  },
};
