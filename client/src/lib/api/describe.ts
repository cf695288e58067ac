import type { I18n } from '../i18n/i18n.svelte';
import type { ApiError } from './http';

/** The user-facing sentence for a failed request, in the current language. */
export function describeApiError(i18n: I18n, error: ApiError): string {
  if (error.code === 'network') return i18n.t('error.network');
  if (error.code === 'unexpected') return i18n.t('error.unexpected', { status: String(error.status) });
  return i18n.error(error.code);
}

/** The sentence plus the server's own message where it names what to fix (a field, a slug). */
export function describeApiErrorDetail(i18n: I18n, error: ApiError): string {
  const specific = error.code === 'invalid_payload' || error.code === 'conflict';
  return specific ? `${describeApiError(i18n, error)} ${error.message}` : describeApiError(i18n, error);
}
