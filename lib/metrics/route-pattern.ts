// The route file a request matched, rebuilt from its path and Next's params: each path segment equal to a param's
// value becomes `[name]`. Next only calls a handler for a path that matched its route file, so every other segment is
// a literal of that file, and the result is one of a fixed set of patterns whatever ids the client sent. A param
// value not found among the segments (an encoding this cannot undo) gives "other" rather than a raw path.

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function routePatternOf(pathname: string, params: Record<string, string | string[]>): string {
  const nameByValue = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    for (const part of Array.isArray(value) ? value : [value])
      nameByValue.set(part, Array.isArray(value) ? `...${name}` : name);
  }
  const found = new Set<string>();
  const pattern = pathname
    .split("/")
    .map((segment) => {
      const decoded = decodeSegment(segment);
      const name = decoded === null ? undefined : nameByValue.get(decoded);
      if (!name) return segment;
      found.add(decoded!);
      return `[${name}]`;
    })
    .join("/");
  if (found.size !== nameByValue.size) return "other";
  // A catch-all's several segments collapse into one `[...name]`.
  return pattern.replace(/(\/\[\.\.\.[^\]]+\])+/g, (match) => match.slice(0, match.indexOf("]", 1) + 1));
}
