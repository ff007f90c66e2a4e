import type { Doc, Patch } from '../ports/store';

/** Dotted paths may only name fields: letters, digits, underscores. */
export const PATH_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export function assertPath(path: string): string {
  if (!PATH_RE.test(path)) throw new Error(`invalid field path: ${path}`);
  return path;
}

export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function parentOf(doc: Record<string, unknown>, path: string, create: boolean): [Record<string, unknown>, string] | null {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let cur: Record<string, unknown> = doc;
  for (const key of keys) {
    const next = cur[key];
    if (next === null || typeof next !== 'object') {
      if (!create) return null;
      cur[key] = {};
    }
    cur = cur[key] as Record<string, unknown>;
  }
  return [cur, last];
}

/** Applies a patch to a copy of the document, as both adapters do (CloudBase natively, SQLite here). */
export function applyPatch<T extends Doc>(doc: T, patch: Patch): T {
  const next = structuredClone(doc) as Record<string, unknown>;
  for (const [path, value] of Object.entries(patch.$set ?? {})) {
    const [obj, key] = parentOf(next, assertPath(path), true)!;
    obj[key] = structuredClone(value);
  }
  for (const path of patch.$unset ?? []) {
    const found = parentOf(next, assertPath(path), false);
    if (found) delete found[0][found[1]];
  }
  for (const [path, by] of Object.entries(patch.$inc ?? {})) {
    const [obj, key] = parentOf(next, assertPath(path), true)!;
    const cur = obj[key];
    obj[key] = (typeof cur === 'number' ? cur : 0) + by;
  }
  for (const [path, value] of Object.entries(patch.$push ?? {})) {
    const [obj, key] = parentOf(next, assertPath(path), true)!;
    const cur = obj[key];
    obj[key] = [...(Array.isArray(cur) ? cur : []), structuredClone(value)];
  }
  return next as T;
}
