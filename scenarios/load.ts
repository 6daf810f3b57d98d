// Scenario loading: YAML with line numbers -> `extends` composition -> `--set` overrides -> defaults -> validation
// -> a deeply frozen Scenario. Every problem is a ScenarioError (exit 2) reading
//   scenarios/x.yaml:12: staking.validatorCount: must be >= 1 (allowed: integer 1..10000)

import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, type TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { isMap, isScalar, isSeq, LineCounter, parse as parseYaml, parseDocument, type Node as YamlNode } from 'yaml';
import { BadInputError } from '../sim/runner/errors.js';
import { ScenarioSchema, SECTION_CHECKS, type Scenario, type ScenarioDoc } from './schema.js';

export const LIBRARY_DIR = dirname(fileURLToPath(import.meta.url));
const EXTENDS_DEPTH_MAX = 16;
const SCENARIO_BYTES_MAX = 4 * 1024 * 1024;

/** A bad scenario: `where` is "file:line" or "--set path=value"; `path` the dotted field path. */
export class ScenarioError extends BadInputError {
  constructor(readonly where: string, readonly path: string, readonly reason: string, readonly allowed?: string) {
    super(`${where}: ${path ? path + ': ' : ''}${reason}${allowed ? ` (allowed: ${allowed})` : ''}`);
    this.name = 'ScenarioError';
  }
}

/** Where a loaded scenario came from (for summary.json and checkpoints). */
export interface ScenarioSource { readonly file: string; readonly chain: readonly string[]; readonly sets: readonly string[] }
const SOURCES = new WeakMap<object, ScenarioSource>();
const ORIGINS = new WeakMap<object, Map<string, string>>();
export function scenarioSource(s: Scenario): ScenarioSource | undefined { return SOURCES.get(s); }

type Plain = Record<string, unknown>;
/** dotted path -> "file:line" of the value that set it. */
type Origins = Map<string, string>;

// ---------- public API

/** Load a scenario by path or library name, apply `path=value` overrides, fill defaults, validate, freeze. */
export function loadScenario(ref: string, sets: readonly string[] = []): Scenario {
  const file = resolveRef(ref, process.cwd(), true);
  const origins: Origins = new Map();
  const chain: string[] = [];
  const doc = loadComposed(file, origins, [], chain);
  for (const s of sets) applySet(doc, s, origins);
  return finish(doc, origins, displayPath(file), { file: displayPath(file), chain, sets: [...sets] });
}

/** Validate an in-memory document (e.g. restored from a checkpoint or built by a sweep). */
export function scenarioFromObject(obj: unknown, label = '<scenario>', sets: readonly string[] = []): Scenario {
  if (!isPlainObject(obj)) throw new ScenarioError(label, '', 'a scenario must be a mapping of sections');
  const doc = structuredClone(obj) as Plain;
  const origins: Origins = new Map();
  for (const s of sets) applySet(doc, s, origins);
  return finish(doc, origins, label, { file: label, chain: [], sets: [...sets] });
}

/** Every leaf parameter path of the schema with its allowed values (for docs and `--set` suggestions). */
export function parameterPaths(): Array<{ path: string; allowed: string; description: string }> {
  const out: Array<{ path: string; allowed: string; description: string }> = [];
  const walk = (s: TSchema, prefix: string) => {
    if (s.type === 'object' && s.properties) {
      for (const [k, v] of Object.entries(s.properties as Record<string, TSchema>)) walk(v, prefix ? `${prefix}.${k}` : k);
      return;
    }
    out.push({ path: prefix, allowed: describeAllowed(s), description: String(s.description ?? '') });
  };
  walk(ScenarioSchema, '');
  return out;
}

/** Flatten a scenario into { "leaf.path": value } in schema order (summary.json `params`, run tables). */
export function flattenParams(s: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (v: unknown, prefix: string) => {
    if (isPlainObject(v)) {
      for (const k of Object.keys(v).sort()) walk(v[k], prefix ? `${prefix}.${k}` : k);
    } else out[prefix] = v;
  };
  walk(s, '');
  return out;
}

// ---------- files and extends

function resolveRef(ref: string, fromDir: string, topLevel: boolean): string {
  const looksLikePath = ref.includes('/') || ref.includes('\\') || /\.ya?ml$/i.test(ref);
  const candidates = looksLikePath
    ? [isAbsolute(ref) ? ref : resolve(fromDir, ref)]
    : [...(topLevel ? [resolve(fromDir, ref)] : []), resolve(LIBRARY_DIR, `${ref}.yaml`)];
  for (const c of candidates) {
    try { if (statSync(c).isFile()) return c; } catch { /* try the next candidate */ }
  }
  const what = looksLikePath ? `file not found: ${ref}` : `no scenario file or library scenario named "${ref}"`;
  throw new ScenarioError(topLevel ? 'scenario' : 'extends', '', what, looksLikePath ? undefined : libraryHint());
}

function libraryHint(): string {
  return 'a path to a .yaml file, or a library name from scenarios/*.yaml';
}

function displayPath(file: string): string {
  const r = relative(process.cwd(), file);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : file;
}

function loadComposed(file: string, origins: Origins, stack: string[], chain: string[]): Plain {
  if (stack.includes(file)) {
    const cycle = [...stack.slice(stack.indexOf(file)), file].map(displayPath).join(' -> ');
    throw new ScenarioError(displayPath(stack[stack.length - 1]!), 'extends', `extends cycle: ${cycle}`);
  }
  if (stack.length >= EXTENDS_DEPTH_MAX) throw new ScenarioError(displayPath(file), 'extends', `extends chain deeper than ${EXTENDS_DEPTH_MAX}`);
  const { value, lines } = parseFile(file);
  chain.push(displayPath(file));
  let base: Plain = {};
  const baseOrigins: Origins = new Map();
  const ext = value.extends;
  if (ext !== undefined) {
    if (typeof ext !== 'string' || ext.length === 0) {
      throw new ScenarioError(`${displayPath(file)}:${lines.get('extends') ?? 1}`, 'extends', 'must be a scenario name or path', 'a library name or a relative path');
    }
    let parent: string;
    try { parent = resolveRef(ext, dirname(file), false); } catch (e) {
      if (e instanceof ScenarioError) throw new ScenarioError(`${displayPath(file)}:${lines.get('extends') ?? 1}`, 'extends', e.reason, e.allowed);
      throw e;
    }
    base = loadComposed(parent, baseOrigins, [...stack, file], chain);
  }
  delete value.extends;
  const merged = deepMerge(base, value);
  for (const [k, v] of baseOrigins) origins.set(k, v);
  for (const [k, line] of lines) if (k !== 'extends') origins.set(k, `${displayPath(file)}:${line}`);
  return merged;
}

function parseFile(file: string): { value: Plain; lines: Map<string, number> } {
  const shown = displayPath(file);
  let text: string;
  try {
    if (statSync(file).size > SCENARIO_BYTES_MAX) throw new ScenarioError(shown, '', `file larger than ${SCENARIO_BYTES_MAX} bytes`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError(shown, '', `cannot read scenario: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, intAsBigInt: false });
  const first = doc.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new ScenarioError(`${shown}:${line}`, '', `YAML syntax: ${first.message.split('\n')[0]}`);
  }
  if (doc.contents === null) return { value: {}, lines: new Map() };
  if (!isMap(doc.contents)) throw new ScenarioError(`${shown}:1`, '', 'a scenario must be a mapping of sections (key: value)');
  const lines = new Map<string, number>();
  collectLines(doc.contents, '', lines, lineCounter);
  let value: Plain;
  try { value = doc.toJS({ maxAliasCount: 100 }) as Plain; } catch (e) {
    // e.g. an alias to an undefined anchor, or an alias bomb
    throw new ScenarioError(`${shown}:1`, '', `YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return { value, lines };
}

function collectLines(node: YamlNode, prefix: string, lines: Map<string, number>, lc: LineCounter): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const path = prefix ? `${prefix}.${key}` : key;
      const keyNode = pair.key as YamlNode | null;
      const at = keyNode?.range?.[0] ?? (pair.value as YamlNode | null)?.range?.[0];
      if (at !== undefined) lines.set(path, lc.linePos(at).line);
      if (pair.value && (isMap(pair.value) || isSeq(pair.value))) collectLines(pair.value as YamlNode, path, lines, lc);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const path = `${prefix}.${i}`;
      const at = (item as YamlNode | null)?.range?.[0];
      if (at !== undefined) lines.set(path, lc.linePos(at).line);
      if (item && (isMap(item) || isSeq(item))) collectLines(item as YamlNode, path, lines, lc);
    });
  }
}

function isPlainObject(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Objects merge key by key; anything else (scalars, lists) in `over` replaces `base`. */
function deepMerge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

// ---------- --set path=value

function schemaAt(path: readonly string[]): TSchema | undefined {
  let s: TSchema | undefined = ScenarioSchema;
  for (const seg of path) {
    if (!s) return undefined;
    if (s.type === 'object' && s.properties && Object.hasOwn(s.properties, seg)) { s = (s.properties as Record<string, TSchema>)[seg]; continue; }
    if (s.type === 'object' && s.patternProperties) {
      const [pattern, sub] = Object.entries(s.patternProperties as Record<string, TSchema>)[0]!;
      if (new RegExp(pattern).test(seg)) { s = sub; continue; }
    }
    return undefined;
  }
  return s;
}

function applySet(doc: Plain, spec: string, origins: Origins): void {
  const where = `--set ${spec}`;
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new ScenarioError(where, '', 'expected path=value', 'e.g. --set staking.validatorCount=100');
  const path = spec.slice(0, eq).trim();
  const raw = spec.slice(eq + 1);
  const segs = path.split('.');
  if (segs.some((s) => s.length === 0) || path === 'extends') throw new ScenarioError(where, path, 'unknown parameter path');
  const schema = schemaAt(segs);
  if (!schema) {
    throw new ScenarioError(where, path, 'unknown parameter path', suggest(path));
  }
  const value = coerce(raw, schema, where, path);
  let obj = doc;
  for (const seg of segs.slice(0, -1)) {
    if (!isPlainObject(obj[seg])) obj[seg] = {};
    obj = obj[seg] as Plain;
  }
  obj[segs[segs.length - 1]!] = value;
  for (const k of [...origins.keys()]) if (k === path || k.startsWith(path + '.')) origins.delete(k);
  origins.set(path, where);
}

function suggest(path: string): string | undefined {
  const all = parameterPaths().map((p) => p.path);
  const leaf = path.split('.').pop()!.toLowerCase();
  const hits = all.filter((p) => p.toLowerCase().endsWith('.' + leaf) || p.toLowerCase() === leaf).slice(0, 3);
  if (hits.length > 0) return `did you mean ${hits.join(', ')}?`;
  const section = path.split('.')[0]!;
  const inSection = all.filter((p) => p.startsWith(section + '.'));
  if (inSection.length > 0) return inSection.slice(0, 8).join(', ') + (inSection.length > 8 ? ', ...' : '');
  return `a leaf path under ${[...new Set(all.map((p) => p.split('.')[0]))].join(', ')}`;
}

/** Turn the text of `--set` into the type the schema expects at that path (validated afterwards). */
function coerce(raw: string, schema: TSchema, where: string, path: string): unknown {
  const kind = schema[Kind] as string | undefined;
  const text = raw.trim();
  switch (kind) {
    case 'Integer': case 'Number': {
      if (!/^[+-]?(\d[\d_]*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) throw new ScenarioError(where, path, `not a number: ${JSON.stringify(raw)}`, describeAllowed(schema));
      return Number(text.replace(/_/g, ''));
    }
    case 'Boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw new ScenarioError(where, path, `not a boolean: ${JSON.stringify(raw)}`, 'true, false');
    case 'String': case 'Literal':
      return raw;
    case 'Union': {
      const members = (schema.anyOf as TSchema[]);
      // Token amounts and seeds (string | number) stay strings so that they are parsed exactly.
      if (members.some((m) => m[Kind] === 'String' || m[Kind] === 'Literal')) return raw;
      for (const m of members) { try { return coerce(raw, m, where, path); } catch { /* next member */ } }
      throw new ScenarioError(where, path, `invalid value: ${JSON.stringify(raw)}`, describeAllowed(schema));
    }
    default:
      // Objects, lists and maps: the value is YAML flow syntax, e.g. --set 'emissions.split={stakers: 0.5, ...}'.
      try { return parseYaml(raw); } catch (e) {
        throw new ScenarioError(where, path, `not valid YAML: ${(e as Error).message.split('\n')[0]}`, describeAllowed(schema));
      }
  }
}

// ---------- validation

function finish(doc: Plain, origins: Origins, topWhere: string, source: ScenarioSource): Scenario {
  const filled = Value.Default(ScenarioSchema, structuredClone(doc)) as Plain;
  const first = Value.Errors(ScenarioSchema, filled).First();
  if (first) throw errorFor(first, origins, topWhere);
  for (const check of SECTION_CHECKS) {
    try { check(filled as unknown as ScenarioDoc); } catch (e) {
      const ce = e as { name?: string; path?: string; reason?: string; allowed?: string };
      if (ce?.name !== 'ConfigError' || typeof ce.path !== 'string') throw e;
      throw new ScenarioError(originOf(ce.path, origins, topWhere), ce.path, ce.reason ?? 'invalid', ce.allowed);
    }
  }
  const frozen = deepFreeze(filled) as unknown as Scenario;
  SOURCES.set(frozen, source);
  ORIGINS.set(frozen, origins);
  return frozen;
}

/** Map a ConfigError-like (path, reason, allowed) raised by a pallet's fromScenario to file:line. */
export function scenarioErrorAt(s: Scenario, path: string, reason: string, allowed?: string): ScenarioError {
  const src = SOURCES.get(s);
  const origins = ORIGINS.get(s);
  return new ScenarioError(originOf(path, origins ?? new Map(), src?.file ?? '<scenario>'), path, reason, allowed);
}

function originOf(path: string, origins: Origins, topWhere: string): string {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const o = origins.get(p);
    if (o) return o;
  }
  // A rule over a whole mapping (e.g. a split summing to 1): point at what set one of its fields, --set first.
  let child: string | undefined;
  for (const [k, o] of origins) {
    if (!k.startsWith(path + '.')) continue;
    if (o.startsWith('--set ')) return o;
    child ??= o;
  }
  return child ?? topWhere;
}

function errorFor(e: ValueError, origins: Origins, topWhere: string): ScenarioError {
  const path = e.path.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
  const where = originOf(path, origins, topWhere);
  const s = e.schema;
  const T = ValueErrorType;
  switch (e.type) {
    case T.ObjectAdditionalProperties: {
      const known = Object.keys((s.properties ?? {}) as object);
      return new ScenarioError(where, path, 'unknown field', known.length ? known.join(', ') : undefined);
    }
    case T.ObjectRequiredProperty: return new ScenarioError(where, path, 'is required', describeAllowed(s));
    case T.IntegerMinimum: case T.NumberMinimum: return new ScenarioError(where, path, `must be >= ${s.minimum}`, describeAllowed(s));
    case T.IntegerMaximum: case T.NumberMaximum: return new ScenarioError(where, path, `must be <= ${s.maximum}`, describeAllowed(s));
    case T.IntegerExclusiveMinimum: case T.NumberExclusiveMinimum: return new ScenarioError(where, path, `must be > ${s.exclusiveMinimum}`, describeAllowed(s));
    case T.IntegerExclusiveMaximum: case T.NumberExclusiveMaximum: return new ScenarioError(where, path, `must be < ${s.exclusiveMaximum}`, describeAllowed(s));
    case T.Integer: return new ScenarioError(where, path, `must be an integer, got ${show(e.value)}`, describeAllowed(s));
    case T.Number: return new ScenarioError(where, path, `must be a number, got ${show(e.value)}`, describeAllowed(s));
    case T.Boolean: return new ScenarioError(where, path, `must be true or false, got ${show(e.value)}`);
    case T.String: return new ScenarioError(where, path, `must be a string, got ${show(e.value)}`, describeAllowed(s));
    case T.Object: return new ScenarioError(where, path, `must be a mapping, got ${show(e.value)}`, describeAllowed(s));
    case T.Array: return new ScenarioError(where, path, `must be a list, got ${show(e.value)}`, describeAllowed(s));
    default: return new ScenarioError(where, path, `invalid value ${show(e.value)}`, describeAllowed(s));
  }
}

function show(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  const t = JSON.stringify(v) ?? String(v);
  return t.length > 40 ? t.slice(0, 37) + '...' : t;
}

/** Human description of what a schema accepts, e.g. "integer 1..10000", "one of halving, npos". */
export function describeAllowed(s: TSchema): string {
  const kind = s[Kind] as string | undefined;
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? `>${s.exclusiveMinimum}` : undefined);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? `<${s.exclusiveMaximum}` : undefined);
  const range = (what: string) => lo !== undefined && hi !== undefined ? `${what} ${lo}..${hi}`
    : lo !== undefined ? `${what} >= ${lo}` : hi !== undefined ? `${what} <= ${hi}` : `any ${what}`;
  switch (kind) {
    case 'Integer': return range('integer');
    case 'Number': return range('number');
    case 'Boolean': return 'true, false';
    case 'Literal': return JSON.stringify(s.const);
    case 'String':
      if (s.pattern === '^[0-9][0-9_]*(\\.[0-9]+)?$') return 'a BAI amount like "0.01"';
      return s.pattern ? `a string matching ${s.pattern}` : 'a string';
    case 'Union':
      if ((s.anyOf as TSchema[]).length === 2 && (s.anyOf as TSchema[]).every((m) => m[Kind] === 'String' || m[Kind] === 'Number') && s.anyOf[0][Kind] !== s.anyOf[1][Kind]) {
        return 'a BAI amount: a decimal string like "0.01" or a number';
      }
      return unionAllowed(s);
    case 'Object': return 'a mapping' + (s.properties ? ` with ${Object.keys(s.properties as object).join(', ')}` : '');
    case 'Record': return 'a mapping';
    case 'Array': return 'a list';
    default: return kind ?? 'see scenarios/schema.json';
  }
}

function unionAllowed(s: TSchema): string {
  const members = s.anyOf as TSchema[];
  if (members.every((m) => m[Kind] === 'Literal')) return 'one of ' + members.map((m) => String(m.const)).join(', ');
  return members.map(describeAllowed).join(' or ');
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}
