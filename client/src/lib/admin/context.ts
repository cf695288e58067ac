import { createContext } from 'svelte';
import type { AdminConsole } from './admin-console.svelte';

// The admin console (sign-in, library cache) handed to every admin page.
const [getAdminContext, setAdminContext] = createContext<AdminConsole>();

export { getAdminContext, setAdminContext };
