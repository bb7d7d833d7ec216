// `print` queries as the RouterOS API evaluates them: each query word pushes a result on a stack, `?#` words
// combine them, and an item matches when everything left on the stack is true.

export type Row = Readonly<Record<string, string>>;

export class QueryError extends Error {
  override name = 'QueryError';
}

/** The predicate for a list of query words (`?name=x`, `?-name`, `?<name=5`, `?#|!`); empty matches all. */
export function compileQuery(words: readonly string[]): (row: Row) => boolean {
  if (words.length === 0) return () => true;
  const steps = words.map(compileWord);
  return (row) => {
    const stack: boolean[] = [];
    for (const step of steps) step(row, stack);
    return stack.every(Boolean);
  };
}

type Step = (row: Row, stack: boolean[]) => void;

function compileWord(word: string): Step {
  const body = word.slice(1);
  if (body.startsWith('#')) return compileOps(body.slice(1));
  if (body.startsWith('-')) {
    const name = body.slice(1);
    return (row, stack) => void stack.push(!(name in row));
  }
  const compare = body[0] === '<' || body[0] === '>' ? body[0] : undefined;
  const rest = compare ? body.slice(1) : body;
  const eq = rest.indexOf('=');
  if (eq < 0) {
    if (compare) throw new QueryError(`bad query ${word}`);
    return (row, stack) => void stack.push(rest in row);
  }
  const name = rest.slice(0, eq);
  const value = rest.slice(eq + 1);
  if (!compare) return (row, stack) => void stack.push((row[name] ?? '') === value);
  return (row, stack) => {
    const have = row[name];
    if (have === undefined) return void stack.push(false);
    const [a, b] = [Number(have), Number(value)];
    const order = Number.isFinite(a) && Number.isFinite(b) ? a - b : have.localeCompare(value);
    stack.push(compare === '<' ? order < 0 : order > 0);
  };
}

function compileOps(ops: string): Step {
  return (_row, stack) => {
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      if (/\d/.test(op)) {
        let n = op;
        while (i + 1 < ops.length && /\d/.test(ops[i + 1]!)) n += ops[++i];
        const index = Number(n);
        if (index >= stack.length) throw new QueryError(`query stack has no item ${index}`);
        stack.push(stack[index]!);
        continue;
      }
      if (op === '!') stack.push(!pop(stack));
      else if (op === '.') stack.push(peek(stack));
      else if (op === '&' || op === '|') {
        const [b, a] = [pop(stack), pop(stack)];
        stack.push(op === '&' ? a && b : a || b);
      } else throw new QueryError(`unknown query operation ${op}`);
    }
  };
}

function pop(stack: boolean[]): boolean {
  if (stack.length === 0) throw new QueryError('query stack is empty');
  return stack.pop()!;
}

function peek(stack: boolean[]): boolean {
  if (stack.length === 0) throw new QueryError('query stack is empty');
  return stack[stack.length - 1]!;
}
