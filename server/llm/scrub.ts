// Keys never leave the server: every message that came from a provider (or from an
// SDK that may quote our request), and every base URL shown, passes through scrubSecrets
// before it is recorded, logged or shown.

const REDACTED = '[redacted]';

// Shapes of credentials that may appear even when we do not know the value.
const KEY_PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_*.-]{6,}/g, // OpenAI sk-…, sk-proj-…, Anthropic sk-ant-…, masked forms
  /\bBearer\s+[A-Za-z0-9._~+/=*-]+/gi,
  /\bAIza[0-9A-Za-z_-]{20,}/g, // Google API keys (Gemini's OpenAI endpoint)
  /\b(x-api-key|api[_-]?key|authorization)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
  /[A-Za-z0-9_-]*\*{3,}[A-Za-z0-9_-]*/g, // "abcd****wxyz": a provider echoing a masked key
];

// `scheme://user:password@`: a proxy's credentials in a base URL, or an SDK quoting that URL.
// Greedy up to the authority's last `@`, as URL parsers read it.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>]*@/gi;

/** Replaces the user and password of every URL in `text`: `http://[redacted]@host/v1`. */
export function redactUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
}

/** The user and password a URL carries (decoded), to be scrubbed wherever they show up alone. */
export function credentialsInUrl(url: string | undefined): string[] {
  if (!url) return [];
  let parts: string[];
  try {
    const { username, password } = new URL(url);
    parts = [username, password].filter(Boolean);
  } catch {
    return [];
  }
  // Both spellings: as written in the URL (percent-encoded) and as a server would read it.
  return [...new Set(parts.flatMap((part) => [part, safeDecode(part)]))];
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Minimum length of a run shared with a known key for it to count as a key fragment. */
const FRAGMENT = 8;

/**
 * Removes anything that looks like an API key, the credentials of any URL, and any run of 8+
 * characters shared with one of `knownSecrets` (the configured key values, the credentials of
 * base URLs), so no fragment survives either.
 */
export function scrubSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let result = redactUrlCredentials(text);
  const secrets = knownSecrets.filter((secret) => secret.length >= FRAGMENT);
  for (const secret of secrets) result = result.split(secret).join(REDACTED);
  for (const pattern of KEY_PATTERNS) {
    result = result.replace(pattern, (match, name?: string, separator?: string) =>
      typeof name === 'string' && typeof separator === 'string' && !match.startsWith('[') ? `${name}${separator}${REDACTED}` : REDACTED,
    );
  }
  if (secrets.length === 0) return result;
  return result.replace(/[A-Za-z0-9_.+/=-]{8,}/g, (run) => (sharesFragment(run, secrets) ? REDACTED : run));
}

function sharesFragment(run: string, secrets: readonly string[]): boolean {
  for (let start = 0; start + FRAGMENT <= run.length; start++) {
    const window = run.slice(start, start + FRAGMENT);
    if (secrets.some((secret) => secret.includes(window))) return true;
  }
  return false;
}
