/**
 * Credentials never reach the log. Fastify's request serializer logs no headers, but errors
 * and custom log lines might carry them; provider messages are scrubbed at the adapter.
 */
export const logRedaction = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    'headers.authorization',
    'headers.cookie',
    '*.token',
    'token',
  ],
  censor: '[redacted]',
};
