// Starts Portkey's gateway (node_modules/@portkey-ai/gateway) with one workaround: on Node,
// its ResponseService appends x-portkey-* headers to the upstream fetch Response, whose
// headers are immutable, and every streamed request then fails with 500 "immutable"
// (Portkey-AI/gateway#1389, #1550; fix proposed in #1390). Skipping those informational
// headers is what the proposed fix does; the proxying path is untouched.
for (const method of ['append', 'set', 'delete']) {
  const original = Headers.prototype[method];
  Headers.prototype[method] = function unlessImmutable(...args) {
    try {
      return original.apply(this, args);
    } catch (error) {
      if (error instanceof TypeError && error.message === 'immutable') return undefined;
      throw error;
    }
  };
}
await import('../node_modules/@portkey-ai/gateway/build/start-server.js');
