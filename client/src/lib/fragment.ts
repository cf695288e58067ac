/** Reads the token carried in the URL fragment and removes it at once, so it stays out of history. */
export function takeFragmentToken(): string | null {
  const token = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  return token.length > 0 ? token : null;
}
