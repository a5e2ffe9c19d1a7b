/**
 * JMESPath as Python's `jmespath` library (1.0) evaluates it. The Python export runs
 * `jmespath.search(code, subject)`, so that library is the reference; this adapts
 * @jmespath-community/jmespath to it where the two differ:
 *
 * - syntax the community dialect added (arithmetic, `$`, `let`, `? :`) is a syntax error;
 * - functions Python lacks (upper, split, group_by...) fail as unknown when called, as
 *   Python's do (lazily: `false && upper(x)` is fine);
 * - slicing a string gives null (Python slices only lists);
 * - `<`, `<=`, `>`, `>=` also order two strings, by code point; a string against a number
 *   fails as Python's TypeError does;
 * - sort, max, min, sort_by, max_by, min_by order numbers as numbers and strings by code
 *   point (the library sorts numbers as text, compares strings by locale, and gives null
 *   from min_by/max_by on string keys);
 * - `to_number` parses as Python's int() then float() do (underscores, surrounding spaces;
 *   no hex, no empty string); `to_string` escapes non-ASCII as Python's json.dumps does.
 *
 * Known remaining difference: Python keeps 1.0 a float and writes large or tiny floats in
 * exponent form (`to_string`), where JavaScript has only one kind of number.
 */
import { compile, TreeInterpreter, type JSONValue } from '@jmespath-community/jmespath';

export type ExpressionNode = ReturnType<typeof compile>;
type Interpreter = typeof TreeInterpreter;
type Visited = ReturnType<Interpreter['visit']>;
/** A function's argument; the library has checked arity and types before the body runs. */
type Argument = Visited | undefined;

const PYTHON_FUNCTIONS = new Set([
  'abs',
  'avg',
  'ceil',
  'contains',
  'ends_with',
  'floor',
  'join',
  'keys',
  'length',
  'map',
  'max',
  'max_by',
  'merge',
  'min',
  'min_by',
  'not_null',
  'reverse',
  'sort',
  'sort_by',
  'starts_with',
  'sum',
  'to_array',
  'to_number',
  'to_string',
  'type',
  'values',
]);

const UNSUPPORTED_SYNTAX: Partial<Record<ExpressionNode['type'], string>> = {
  Arithmetic: 'arithmetic (+ - * / % //)',
  Unary: 'a unary + or -',
  Root: 'the root reference $',
  LetExpression: 'a let expression',
  Binding: 'a let expression',
  Variable: 'a $variable',
  Ternary: 'a ternary ? :',
};

/** Rejects syntax Python's jmespath cannot parse; returns the node when it can. */
export function checkPythonSyntax(node: ExpressionNode): ExpressionNode {
  const unsupported = UNSUPPORTED_SYNTAX[node.type];
  if (unsupported !== undefined) {
    throw new SyntaxError(`${unsupported} is not JMESPath as Python's jmespath library reads it`);
  }
  for (const child of childNodes(node)) checkPythonSyntax(child);
  return node;
}

function childNodes(node: ExpressionNode): ExpressionNode[] {
  switch (node.type) {
    case 'Literal': // its value is data, whatever keys it has
    case 'Field':
    case 'Index':
    case 'Slice':
    case 'Identity':
    case 'Current':
    case 'Root':
    case 'Variable':
      return [];
    case 'MultiSelectHash':
      return node.children.map((pair) => pair.value);
    case 'MultiSelectList':
    case 'Function':
      return node.children;
    case 'FilterProjection':
      return [node.left, node.right, node.condition];
    case 'Comparator':
      return [node.left, node.right];
    case 'LetExpression':
      return [...node.bindings, node.expression];
    case 'Binding':
      return [node.reference];
    case 'Ternary':
      return [node.condition, node.trueExpr, node.falseExpr];
    case 'Unary':
      return [node.operand];
    case 'Arithmetic':
      return [node.left, node.right];
    case 'ExpressionReference':
    case 'Flatten':
    case 'NotExpression':
      return [node.child];
    default:
      return [node.left, node.right];
  }
}

const InterpreterBase = TreeInterpreter.constructor as new () => Interpreter;

export class PythonJmespathInterpreter extends InterpreterBase {
  constructor() {
    super();
    // This interpreter's own function table (the library's shared one stays as it was).
    // The library's signatures, which check argument types, are kept; only bodies change.
    const table = this.runtime._functionTable;
    const replace = (name: string, body: (args: Argument[]) => JSONValue): void => {
      const entry = table[name];
      if (entry === undefined) throw new Error(`the JMESPath library has no ${name}()`);
      table[name] = { ...entry, _func: body };
    };
    const key = (expref: Argument, item: Argument, name: string): number | string => {
      const value = this.visit(expref as ExpressionNode, item as JSONValue);
      if (typeof value === 'number' || typeof value === 'string') return value;
      throw new TypeError(`${name}() expected a number or string key, received ${jmespathType(value)}`);
    };
    replace('to_number', ([value]) => pythonToNumber(value));
    replace('to_string', ([value]) => (typeof value === 'string' ? value : asciiJson(value)));
    replace('sort', ([list]) => [...(list as (number | string)[])].sort(pythonOrder));
    replace('max', ([list]) => pick(list as (number | string)[], (x) => x, 1));
    replace('min', ([list]) => pick(list as (number | string)[], (x) => x, -1));
    replace('max_by', ([list, expref]) =>
      pick(list as JSONValue[], (item) => key(expref, item, 'max_by'), 1),
    );
    replace('min_by', ([list, expref]) =>
      pick(list as JSONValue[], (item) => key(expref, item, 'min_by'), -1),
    );
    replace('sort_by', ([list, expref]) => {
      const items = list as JSONValue[];
      if (items.length === 0) return items;
      const keyed = items.map((item) => ({ item, key: key(expref, item, 'sort_by') }));
      const type = typeof keyed[0]!.key;
      for (const { key: k } of keyed) {
        if (typeof k !== type)
          throw new TypeError(`sort_by() expected every key to be a ${type}, received a ${typeof k}`);
      }
      return keyed.sort((a, b) => pythonOrder(a.key, b.key)).map(({ item }) => item);
    });
  }

  override visit(node: ExpressionNode, value: JSONValue | ExpressionNode): Visited {
    switch (node.type) {
      case 'Slice':
        if (!Array.isArray(value)) return null;
        break;
      case 'Function':
        if (!PYTHON_FUNCTIONS.has(node.name)) throw new Error(`Unknown function: ${node.name}()`);
        break;
      case 'Comparator':
        if (node.name !== 'EQ' && node.name !== 'NE') {
          return compareInOrder(node.name, this.visit(node.left, value), this.visit(node.right, value));
        }
        break;
    }
    return super.visit(node, value);
  }
}

const OPERATORS = { LT: '<', LTE: '<=', GT: '>', GTE: '>=' } as const;

function compareInOrder(name: keyof typeof OPERATORS, left: Visited, right: Visited): boolean | null {
  if (!isOrderable(left) || !isOrderable(right)) return null;
  const order = pythonOrder(left, right, OPERATORS[name]);
  switch (name) {
    case 'LT':
      return order < 0;
    case 'LTE':
      return order <= 0;
    case 'GT':
      return order > 0;
    case 'GTE':
      return order >= 0;
  }
}

function isOrderable(value: Visited): value is number | string {
  return typeof value === 'number' || typeof value === 'string';
}

/** Python's ordering of two numbers or two strings; a number against a string is its TypeError. */
function pythonOrder(left: number | string, right: number | string, operator = '<'): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') return compareCodePoints(left, right);
  throw new TypeError(
    `'${operator}' not supported between instances of '${pythonType(left)}' and '${pythonType(right)}'`,
  );
}

/** Python's max()/min() with a key: the first item whose key is greatest (1) or least (-1). */
function pick<T extends JSONValue>(
  items: T[],
  keyOf: (item: T) => number | string,
  direction: 1 | -1,
): T | null {
  let best: T | null = null;
  let bestKey: number | string | null = null;
  for (const item of items) {
    const itemKey = keyOf(item);
    if (bestKey === null || pythonOrder(itemKey, bestKey) * direction > 0) {
      best = item;
      bestKey = itemKey;
    }
  }
  return best;
}

function jmespathType(value: Argument): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** json.dumps(value, separators=(',', ':')) with Python's default ensure_ascii. */
function asciiJson(value: Argument): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function pythonType(value: string | number): string {
  if (typeof value === 'string') return 'str';
  return Number.isInteger(value) ? 'int' : 'float';
}

/** Code point order, as Python compares str: UTF-16 order, except surrogates sort after U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

const PYTHON_INT = /^[+-]?\d(?:_?\d)*$/;
const PYTHON_FLOAT = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const PYTHON_NOT_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;

/** Python's `_func_to_number`: numbers stay, strings go through int() then float(). */
function pythonToNumber(value: Argument): JSONValue {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (PYTHON_INT.test(text) || PYTHON_FLOAT.test(text)) return Number(text.replaceAll('_', ''));
  if (PYTHON_NOT_FINITE.test(text))
    throw new RangeError(
      `to_number(${JSON.stringify(value)}) is not a finite number, which JSON cannot hold`,
    );
  return null;
}
