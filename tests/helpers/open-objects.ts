// Walks a JSON Schema for objects that accept properties they do not name (tests of the edge).

/** JSON-Schema paths of objects that accept properties they do not name. */
export function openObjects(schema: unknown, path = '#'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const here = node.type === 'object' && node.additionalProperties !== false ? [path] : [];
  const nested = Object.entries(node).flatMap(([key, value]) => {
    if (Array.isArray(value)) return value.flatMap((item, i) => openObjects(item, `${path}/${key}/${i}`));
    return typeof value === 'object' ? openObjects(value, `${path}/${key}`) : [];
  });
  return [...here, ...nested];
}
