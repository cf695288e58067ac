import { mount } from 'svelte';
import App from './App.svelte';
import { detectLocale, loadLocale } from './lib/i18n/i18n.svelte';
import './styles/tokens.css';
import './styles/base.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

// The page's language is fetched before the first render, so nothing flashes in another one.
await loadLocale(detectLocale()).catch(() => loadLocale('en'));

export default mount(App, { target });
