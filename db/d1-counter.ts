// Counts the statements a request sends to D1 (a batch counts each of its statements), against D1's limit of
// 1,000 per Worker invocation (50 on the free plan). Shown in the X-D1-Statements header, read by the tests and
// the bench. Wraps only what kysely-d1 and the atomic-writes helper call: prepare().bind().all() and batch().
interface Statement {
  all(): Promise<unknown>;
}
interface D1Minimal {
  prepare(sql: string): { bind(...values: unknown[]): Statement };
  batch(statements: Statement[]): Promise<unknown>;
}

const RAW = Symbol('the D1 statement');
type Counted = Statement & { [RAW]: Statement };

export function countingD1<T>(binding: T): { d1: T; count: () => number } {
  const d1 = binding as unknown as D1Minimal;
  let count = 0;
  const wrapped = {
    prepare(sql: string) {
      return {
        bind(...values: unknown[]): Counted {
          const s = d1.prepare(sql).bind(...values);
          return {
            [RAW]: s,
            all: () => {
              count++;
              return s.all();
            },
          };
        },
      };
    },
    batch(statements: Counted[]) {
      count += statements.length;
      return d1.batch(statements.map((s) => s[RAW]));
    },
  };
  return { d1: wrapped as unknown as T, count: () => count };
}
