// What a swept parameter is: its kind (numeric or not), bounds and allowed values, read from the scenario's
// JSON Schema (TypeBox schemas are plain JSON Schema), so `--grid` values are checked before any run starts.
// The scenario loader re-validates every grid point (`--set`), this layer only gives the early, named errors.
import { ParameterValueError, UnknownParameterError } from './errors.js';

export type ParamKind = 'number' | 'integer' | 'token' | 'boolean' | 'enum' | 'string';

export interface ParamSpec {
  readonly path: string;
  readonly kind: ParamKind;
  /** numeric kinds sort, interpolate (Morris/Sobol ranges) and land as Float64 in the runs table. */
  readonly numeric: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly allowed?: readonly string[];
}

export type ParamResolver = (path: string) => ParamSpec;

type Schema = { [k: string]: unknown };

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function branches(s: Schema): Schema[] {
  const list = (s.anyOf ?? s.oneOf ?? s.allOf) as unknown;
  return Array.isArray(list) ? list.filter(isSchema) : [];
}

/** The child schema of `s` for property `key`, looking through unions and records. */
function child(s: Schema, key: string): Schema | undefined {
  const props = s.properties;
  if (isSchema(props)) {
    const c = props[key];
    if (isSchema(c)) return c;
  }
  const pattern = s.patternProperties;
  if (isSchema(pattern)) {
    for (const [re, sub] of Object.entries(pattern)) if (new RegExp(re).test(key) && isSchema(sub)) return sub;
  }
  if (isSchema(s.additionalProperties)) return s.additionalProperties;
  for (const b of branches(s)) {
    const c = child(b, key);
    if (c) return c;
  }
  return undefined;
}

function isObjectSchema(s: Schema): boolean {
  if (s.type === 'object' || isSchema(s.properties)) return true;
  const bs = branches(s);
  return bs.length > 0 && bs.every(isObjectSchema);
}

function constValues(s: Schema): unknown[] | undefined {
  if ('const' in s) return [s.const];
  if (Array.isArray(s.enum)) return s.enum;
  const bs = branches(s);
  if (bs.length === 0) return undefined;
  const all: unknown[] = [];
  for (const b of bs) {
    const vs = constValues(b);
    if (!vs) return undefined;
    all.push(...vs);
  }
  return all;
}

function types(s: Schema): Set<string> {
  const out = new Set<string>();
  if (typeof s.type === 'string') out.add(s.type);
  if (Array.isArray(s.type)) for (const t of s.type) out.add(String(t));
  for (const b of branches(s)) for (const t of types(b)) out.add(t);
  return out;
}

function bound(s: Schema, key: 'minimum' | 'maximum'): number | undefined {
  if (typeof s[key] === 'number') return s[key] as number;
  for (const b of branches(s)) {
    const v = bound(b, key);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Classify a leaf schema. A string-or-number leaf (token amounts: "0.01" or 1) is numeric. */
export function classifyLeaf(path: string, s: Schema): ParamSpec {
  const consts = constValues(s);
  if (consts && consts.length > 0) {
    const numeric = consts.every((c) => typeof c === 'number');
    return { path, kind: numeric ? 'number' : 'enum', numeric, allowed: consts.map(String) };
  }
  const ts = types(s);
  const minimum = bound(s, 'minimum');
  const maximum = bound(s, 'maximum');
  const withBounds = { ...(minimum !== undefined ? { minimum } : {}), ...(maximum !== undefined ? { maximum } : {}) };
  if (ts.has('boolean') && ts.size === 1) return { path, kind: 'boolean', numeric: false, allowed: ['true', 'false'] };
  if (ts.has('string') && (ts.has('number') || ts.has('integer'))) return { path, kind: 'token', numeric: true, ...withBounds };
  if (ts.has('integer') && ts.size === 1) return { path, kind: 'integer', numeric: true, ...withBounds };
  if (ts.has('number') && !ts.has('string')) return { path, kind: 'number', numeric: true, ...withBounds };
  if (ts.has('string') && ts.size === 1 && typeof s.pattern === 'string' && /\\d|\[0-9\]/.test(s.pattern)) {
    return { path, kind: 'token', numeric: true };
  }
  return { path, kind: 'string', numeric: false };
}

/** Resolve a dotted parameter path against a scenario JSON Schema; throws UnknownParameterError. */
export function resolveInSchema(schema: unknown, path: string): ParamSpec {
  if (!isSchema(schema)) throw new TypeError('scenario schema must be an object');
  const segments = path.split('.');
  if (path === '' || segments.some((p) => p === '')) throw new UnknownParameterError(`--grid: malformed parameter path ${JSON.stringify(path)}`);
  let s: Schema = schema;
  for (let i = 0; i < segments.length; i++) {
    const c = child(s, segments[i]!);
    if (!c) {
      const here = segments.slice(0, i).join('.') || '(top level)';
      const props = isSchema(s.properties) ? Object.keys(s.properties).sort().join(', ') : '';
      throw new UnknownParameterError(
        `--grid: unknown parameter path "${path}": ${here} has no "${segments[i]}"${props ? ` (known: ${props})` : ''}`,
      );
    }
    s = c;
  }
  if (isObjectSchema(s)) throw new UnknownParameterError(`--grid: "${path}" is a section, not a parameter (name one of its fields)`);
  return classifyLeaf(path, s);
}

export function schemaResolver(schema: unknown): ParamResolver {
  return (path) => resolveInSchema(schema, path);
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const FLOAT = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Check one textual grid value against its spec; returns the normalised text passed to `--set`. */
export function checkValue(spec: ParamSpec, raw: string): string {
  const text = raw.trim();
  const fail = (reason: string): never => {
    throw new ParameterValueError(`--grid ${spec.path}: ${JSON.stringify(raw)} ${reason}`);
  };
  if (text === '') fail('is empty');
  if (spec.allowed && !spec.numeric && !spec.allowed.includes(text)) fail(`is not allowed (allowed: ${spec.allowed.join(', ')})`);
  if (spec.numeric) {
    const ok = spec.kind === 'integer' ? /^-?\d+$/.test(text) : spec.kind === 'token' ? DECIMAL.test(text) : FLOAT.test(text);
    if (!ok) fail(`is not ${spec.kind === 'integer' ? 'an integer' : 'a number'} (${spec.path} is numeric: ${spec.kind})`);
    const v = Number(text);
    if (spec.minimum !== undefined && v < spec.minimum) fail(`is below the minimum ${spec.minimum}`);
    if (spec.maximum !== undefined && v > spec.maximum) fail(`is above the maximum ${spec.maximum}`);
    if (spec.allowed && !spec.allowed.some((a) => Number(a) === v)) fail(`is not allowed (allowed: ${spec.allowed.join(', ')})`);
  }
  return text;
}
