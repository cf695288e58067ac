import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { LIMITS } from '../shared/limits';
import type { AppConfig } from './config';
import { systemClock, type Clock } from './clock';
import { loadModelCatalog, type ModelCatalog } from './llm/catalog';
import type { RetryPolicy } from './llm/retry';
import { registerErrorHandler } from './plugins/error-handler';
import { registerJsonBody } from './plugins/json-body';
import { registerJoinGuard } from './plugins/join-guard';
import { registerRateLimits } from './plugins/rate-limits';
import { createRelay, registerRedis } from './plugins/redis';
import { SharedParticipantLimits } from './live/shared-participant-limits';
import { registerSecurityHeaders } from './plugins/security-headers';
import { registerOpenApi } from './plugins/openapi';
import { registerServices } from './plugins/services';
import { registerClientFiles } from './plugins/client-files';
import { accountRoutes } from './routes/accounts';
import { authRoutes } from './routes/auth';
import { signInRoutes } from './routes/sign-in';
import { meRoutes } from './routes/me';
import { apiTokenRoutes } from './routes/api-tokens';
import { oidcRoutes } from './routes/oidc';
import { exerciseRoutes } from './routes/exercises';
import { healthRoutes } from './routes/health';
import { liveRoutes } from './routes/live';
import { providerRoutes } from './routes/providers';
import { reportRoutes } from './routes/reports';
import { sessionRoutes } from './routes/sessions';
import { sessionMaterialRoutes } from './routes/session-material';
import { inviteRoutes } from './routes/invites';
import { settingsRoutes } from './routes/settings';
import { privacyRoutes } from './routes/privacy';
import { auditRoutes } from './routes/audit';
import { metricsRoutes } from './routes/metrics';
import { webhookRoutes } from './routes/webhooks';
import { greenhouseAdminRoutes } from './routes/greenhouse-admin';
import { greenhousePartnerRoutes } from './routes/greenhouse-partner';
import { reportLinkRoutes } from './routes/report-links';
import { createServices } from './services';
import { logRedaction } from './plugins/log-redaction';

export interface AppOptions {
  config: AppConfig;
  adminToken: string;
  cookieSecret: string;
  clock?: Clock;
  /** Replaces the configured models (tests). */
  models?: ModelCatalog;
  retry?: Partial<RetryPolicy>;
  /** Where provider keys are read from; default process.env. */
  env?: Record<string, string | undefined>;
  logger?: boolean;
  /** Where log lines go (tests read them); default stdout. */
  logStream?: NodeJS.WritableStream;
}

/** Builds the app; registration order is the reading order. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const models =
    options.models ??
    (await loadModelCatalog({
      env: options.env ?? process.env,
      configPath: config.providersConfig,
      offline: config.simulator,
      fetchModelLists: config.fetchModelLists,
      providerThreads: config.providerThreads,
      ...(options.retry ? { retry: options.retry } : {}),
    }));

  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: config.logLevel, redact: logRedaction, ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    // Unknown fields are an error, not silently dropped: a typo in an integration must show.
    ajv: { customOptions: { removeAdditional: false } },
  });
  // Only the catalog built here is closed here: one passed in belongs to its caller.
  if (!options.models) app.addHook('onClose', async () => models.close?.());
  registerErrorHandler(app);
  registerJsonBody(app);
  registerSecurityHeaders(app);
  const services = createServices(config, clock, options.adminToken, models, (error, sessionId) =>
    app.log.error({ err: error, sessionId }, 'session work failed'),
  );
  // Redis only adds an onClose hook here; the guards that read it register after websocket below.
  const redis = await registerRedis(app, config.redisUrl, config.redisPrefix);
  if (redis) {
    const shared = new SharedParticipantLimits(config.rateLimits, redis);
    app.addHook('onClose', async () => shared.close());
    services.participantLimits = shared;
  }
  registerServices(app, services);
  await app.register(cookie, { secret: options.cookieSecret });
  await app.register(websocket, { options: { maxPayload: LIMITS.maxFrameBytes } });
  // After websocket's own onRequest hook: a handshake refused here must be known as one, so
  // that its socket is closed once the 429 is written.
  registerJoinGuard(app, clock, config.limits.failedJoinsPerMinute, redis);
  await registerRateLimits(app, config.rateLimits, redis);
  await registerOpenApi(app);

  await app.register(healthRoutes, { redis });
  await app.register(authRoutes);
  await app.register(signInRoutes);
  await app.register(oidcRoutes);
  await app.register(meRoutes);
  await app.register(apiTokenRoutes);
  await app.register(accountRoutes);
  await app.register(exerciseRoutes);
  await app.register(sessionRoutes);
  await app.register(sessionMaterialRoutes);
  await app.register(inviteRoutes);
  await app.register(settingsRoutes);
  await app.register(privacyRoutes);
  await app.register(auditRoutes);
  await app.register(providerRoutes);
  await app.register(reportRoutes);
  await app.register(metricsRoutes);
  await app.register(webhookRoutes);
  await app.register(greenhouseAdminRoutes);
  await app.register(greenhousePartnerRoutes);
  await app.register(reportLinkRoutes);
  const relay = redis ? createRelay(app, redis) : undefined;
  await app.register(liveRoutes, relay ? { relay } : {});
  await registerClientFiles(app, config.clientDir);

  app.addHook('onReady', async () => app.services.rooms.resumeLive());
  // The retention purge runs once at start, then hourly on the app's clock.
  app.addHook('onReady', async () => app.services.retention.start((error) => app.log.error({ err: error }, 'retention purge failed')));
  app.addHook('preClose', async () => app.services.retention.stop());
  // Deliveries a crash left in flight go again; what is in flight at close is cut, to go at the next start.
  app.addHook('onReady', async () => app.services.dispatcher.start());
  app.addHook('preClose', async () => app.services.dispatcher.stop());
  return app;
}
