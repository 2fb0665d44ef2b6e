/** Reading and changing the draft plan file by the dotted paths the intake items carry (actions.0.tasks.1.indicators.0). */

export type Json = Record<string, unknown>;

export interface IntakeItem {
  path: string;
  kind: 'field' | 'action' | 'task' | 'indicator' | 'milestone';
  label: string;
  span: { start: number; end: number };
  confidence: number;
  comparator?: '≤';
}

export interface IntakeWarning {
  key: string;
  message: string;
  path: string | null;
  span: { start: number; end: number } | null;
}

export interface IntakeResult {
  draft: Json;
  text: string;
  items: IntakeItem[];
  warnings: IntakeWarning[];
}

export function getAt(root: Json, path: string): Json | undefined {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node && typeof node === 'object' ? (node as Json) : undefined;
}

/** A copy of the draft with the node at `path` merged with `patch`. */
export function patchAt(root: Json, path: string, patch: Json): Json {
  const copy = structuredClone(root);
  const node = getAt(copy, path);
  if (node) Object.assign(node, patch);
  return copy;
}

/** The item an import error belongs to: the one whose path is the longest prefix of the error's field. */
export function itemForField(items: IntakeItem[], field: string): IntakeItem | undefined {
  let best: IntakeItem | undefined;
  for (const i of items) {
    if ((field === i.path || field.startsWith(`${i.path}.`)) && (!best || i.path.length > best.path.length)) best = i;
  }
  return best;
}
