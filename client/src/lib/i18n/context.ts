import { createContext } from 'svelte';
import type { I18n } from './i18n.svelte';

const [getI18nContext, setI18nContext] = createContext<I18n>();

export { getI18nContext, setI18nContext };
