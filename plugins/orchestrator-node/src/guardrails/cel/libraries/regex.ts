import {
  celFunc,
  celList,
  celMethod,
  CelScalar,
  listType,
  type CelFunc,
  type CelList,
} from '@bufbuild/cel';
import { RE2JS, RE2JSSyntaxException } from '@bufbuild/re2';

/*
 * Kubernetes' regex library: find / findAll with Go regexp semantics, which
 * the API server compiles the pattern with (RE2 syntax, leftmost-first).
 *
 * @bufbuild/re2 (an RE2JS port: Go's regexp/syntax parser, simplifier and
 * compiler) parses and compiles the pattern, so RE2 decides what is valid
 * (lookaround, backreferences, ...) and with which message. Its public API
 * only answers whether a string matches; find needs where, so the compiled
 * program is run here by a Pike VM, Go's regexp/machine.go restricted to the
 * bounds of the whole match: threads in priority order, the first to match
 * cuts off those after it, which is leftmost-first.
 */

const { BOOL, INT, STRING } = CelScalar;

type Prog = ReturnType<RE2JS['re2']>['prog'];
type Inst = Prog['inst'][number];

/** Opcodes of the program, statics of its (unexported) instruction class. */
interface Ops {
  ALT: number;
  ALT_MATCH: number;
  CAPTURE: number;
  EMPTY_WIDTH: number;
  FAIL: number;
  MATCH: number;
  NOP: number;
}

// Go's syntax.EmptyOp bits, which EMPTY_WIDTH instructions test.
const BEGIN_LINE = 1;
const END_LINE = 2;
const BEGIN_TEXT = 4;
const END_TEXT = 8;
const WORD_BOUNDARY = 16;
const NO_WORD_BOUNDARY = 32;

/** Instructions a thread waits on (rune or match), in priority order. */
class Queue {
  private readonly seen: Uint32Array;
  private generation = 1;
  readonly pcs: number[] = [];
  readonly starts: number[] = [];

  constructor(size: number) {
    this.seen = new Uint32Array(size);
  }

  /** True the first time pc is visited since the last clear. */
  visit(pc: number): boolean {
    if (this.seen[pc] === this.generation) return false;
    this.seen[pc] = this.generation;
    return true;
  }

  clear(): void {
    this.pcs.length = 0;
    this.starts.length = 0;
    if (++this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
  }
}

interface Compiled {
  insts: Inst[];
  start: number;
  /** Every match starts at the beginning of the text (`^` without (?m), `\A`). */
  anchored: boolean;
  /** Reused between runs: evaluation is synchronous and never re-entrant. */
  queues: [Queue, Queue];
  stack: number[];
}

let ops: Ops | undefined;

function opsOf(prog: Prog): Ops {
  if (!ops) {
    // The compiler always emits FAIL at pc 0; its class carries the opcodes.
    const found = prog.inst[0].constructor as unknown as Partial<Ops>;
    if (typeof found.MATCH !== 'number' || prog.inst[0].op !== found.FAIL) {
      throw new Error('Unsupported @bufbuild/re2 program layout');
    }
    ops = found as Ops;
  }
  return ops;
}

const isWordChar = (r: number) =>
  (r >= 0x30 && r <= 0x39) ||
  (r >= 0x41 && r <= 0x5a) ||
  (r >= 0x61 && r <= 0x7a) ||
  r === 0x5f;

/** Go's syntax.EmptyOpContext: the empty-width assertions true between r1 and r2 (-1: text edge). */
function emptyOpContext(r1: number, r2: number): number {
  let op = NO_WORD_BOUNDARY;
  let boundary = false;
  if (isWordChar(r1)) boundary = true;
  else if (r1 === 0x0a) op |= BEGIN_LINE;
  else if (r1 < 0) op |= BEGIN_TEXT | BEGIN_LINE;
  if (isWordChar(r2)) boundary = !boundary;
  else if (r2 === 0x0a) op |= END_LINE;
  else if (r2 < 0) op |= END_TEXT | END_LINE;
  if (boundary) op ^= WORD_BOUNDARY | NO_WORD_BOUNDARY;
  return op;
}

/** The code point at pos, -1 at the end. */
function runeAt(s: string, pos: number): number {
  return pos < s.length ? s.codePointAt(pos)! : -1;
}

/** UTF-16 length of a code point from runeAt (0 for the end). */
function runeWidth(r: number): number {
  if (r < 0) return 0;
  return r > 0xffff ? 2 : 1;
}

/**
 * Follows pc through the non-consuming instructions, queueing the rune and
 * match instructions it reaches in priority order (depth-first, out before
 * arg), as Go's machine.add does.
 */
function addThread(
  re: Compiled,
  queue: Queue,
  pc: number,
  start: number,
  context: number,
): void {
  const op = ops!;
  const stack = re.stack;
  stack.push(pc);
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (!queue.visit(at)) continue;
    const inst = re.insts[at];
    switch (inst.op) {
      case op.FAIL:
        break;
      case op.ALT:
      case op.ALT_MATCH:
        stack.push(inst.arg, inst.out);
        break;
      case op.EMPTY_WIDTH:
        if ((inst.arg & ~context) === 0) stack.push(inst.out);
        break;
      case op.NOP:
      case op.CAPTURE:
        stack.push(inst.out);
        break;
      default:
        queue.pcs.push(at);
        queue.starts.push(start);
    }
  }
}

/** Bounds of the leftmost-first match at or after pos, as Go's machine.match. */
function exec(re: Compiled, s: string, from: number): [number, number] | null {
  if (re.anchored && from !== 0) return null;
  const op = ops!;
  let [runq, nextq] = re.queues;
  runq.clear();
  nextq.clear();
  let matchStart = -1;
  let matchEnd = -1;
  let pos = from;
  let r = runeAt(s, pos);
  let context = emptyOpContext(pos > 0 ? s.charCodeAt(pos - 1) : -1, r);
  for (;;) {
    if (runq.pcs.length === 0 && (matchStart >= 0 || (re.anchored && pos > 0)))
      break;
    if (matchStart < 0 && (pos === 0 || !re.anchored)) {
      addThread(re, runq, re.start, pos, context);
    }
    const width = runeWidth(r);
    const next = pos + width;
    const r1 = width === 0 ? -1 : runeAt(s, next);
    const nextContext = emptyOpContext(r, r1);
    for (let j = 0; j < runq.pcs.length; j++) {
      const inst = re.insts[runq.pcs[j]];
      if (inst.op === op.MATCH) {
        // Lower-priority threads (the rest of runq) cannot win any more.
        matchStart = runq.starts[j];
        matchEnd = pos;
        break;
      }
      if (r >= 0 && inst.matchRune(r)) {
        addThread(re, nextq, inst.out, runq.starts[j], nextContext);
      }
    }
    runq.clear();
    if (width === 0) break;
    [runq, nextq] = [nextq, runq];
    pos = next;
    r = r1;
    context = nextContext;
  }
  return matchStart < 0 ? null : [matchStart, matchEnd];
}

const CACHE_SIZE = 500;

/** Policies reuse a handful of literal patterns; keep them compiled, but bounded. */
function boundedCache<T>(make: (pattern: string) => T): (pattern: string) => T {
  const cache = new Map<string, T>();
  return pattern => {
    let value = cache.get(pattern);
    if (value === undefined) {
      value = make(pattern);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(pattern, value);
    }
    return value;
  };
}

function compileRe2(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (error) {
    // RE2's message is Go's: "error parsing regexp: <what>: `<where>`".
    const message =
      error instanceof RE2JSSyntaxException
        ? error.message
        : `error parsing regexp: ${(error as Error).message}: \`${pattern}\``;
    throw new Error(`Illegal regex: ${message}`);
  }
}

// CEL's standard matches() compiles its pattern on every call; RE2 keeps its DFA per compiled pattern.
const re2For = boundedCache(compileRe2);

const compile = boundedCache((pattern: string): Compiled => {
  const prog = re2For(pattern).re2().prog;
  opsOf(prog);
  const size = prog.inst.length;
  const compiled: Compiled = {
    insts: prog.inst,
    start: prog.start,
    anchored: (prog.startCond() & BEGIN_TEXT) !== 0,
    queues: [new Queue(size), new Queue(size)],
    stack: [],
  };
  return compiled;
});

/**
 * Go's Regexp.FindAllString: after an empty match the search moves on one
 * code point, and an empty match right where the previous match ended is
 * dropped.
 */
function findAll(s: string, re: Compiled, limit: bigint): string[] {
  const found: string[] = [];
  let pos = 0;
  let previousEnd = -1;
  while ((limit < 0n || BigInt(found.length) < limit) && pos <= s.length) {
    const match = exec(re, s, pos);
    if (!match) break;
    const [start, end] = match;
    let accept = true;
    if (end === pos) {
      accept = start !== previousEnd;
      const width = runeWidth(runeAt(s, pos));
      pos = width > 0 ? pos + width : s.length + 1;
    } else {
      pos = end;
    }
    previousEnd = end;
    if (accept) found.push(s.slice(start, end));
  }
  return found;
}

function find(this: string, pattern: string): string {
  const match = exec(compile(pattern), this, 0);
  return match ? this.slice(match[0], match[1]) : '';
}

function findAllMethod(this: string, pattern: string, limit = -1n): CelList {
  return celList(findAll(this, compile(pattern), limit));
}

export const regexFuncs: CelFunc[] = [
  celMethod('matches', STRING, [STRING], BOOL, function matches(pattern) {
    return re2For(pattern).test(this);
  }),
  celFunc('matches', [STRING, STRING], BOOL, (text, pattern) =>
    re2For(pattern).test(text),
  ),
  celMethod('find', STRING, [STRING], STRING, find),
  celMethod(
    'findAll',
    STRING,
    [STRING],
    listType(STRING),
    function findAll1(pattern) {
      return findAllMethod.call(this, pattern);
    },
  ),
  celMethod('findAll', STRING, [STRING, INT], listType(STRING), findAllMethod),
];
