import type { I18n } from '../i18n/i18n.svelte';
import type { ApiError } from './http';

/** The user-facing sentence for a failed request, in the current language. */
export function describeApiError(i18n: I18n, error: ApiError): string {
  if (error.code === 'network') return i18n.t('error.network');
  if (error.code === 'unexpected') return i18n.t('error.unexpected', { status: String(error.status) });
  return i18n.error(error.code);
}
