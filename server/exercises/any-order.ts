// Building blocks for built-in patterns, which run in a linear-time engine without lookahead.

/**
 * A pattern that matches text containing every one of `parts` (regex sources), in any order:
 * the alternation of their orders. Equivalent to a chain of `(?=[\s\S]*part)` lookaheads when no
 * two parts' matches can overlap (as with "25", "35", "45"); n! alternatives, so for a few parts.
 */
export function allInAnyOrder(parts: readonly string[]): string {
  return orders(parts)
    .map((order) => order.join('[\\s\\S]*'))
    .join('|');
}

function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}
