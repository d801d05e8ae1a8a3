package io.faildaily.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.ActiveUserCache;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.auth.JwtCodec;
import io.faildaily.backend.auth.PasswordHasher;
import io.faildaily.backend.config.AppConfig;
import io.faildaily.backend.http.Audit;
import io.faildaily.backend.http.AuthRoutes;
import io.faildaily.backend.http.Authenticator;
import io.faildaily.backend.http.ClientLogRoutes;
import io.faildaily.backend.http.CommentRoutes;
import io.faildaily.backend.http.CrossOrigin;
import io.faildaily.backend.http.ErrorResponses;
import io.faildaily.backend.http.FailRoutes;
import io.faildaily.backend.http.HealthRoutes;
import io.faildaily.backend.http.InFlightRequests;
import io.faildaily.backend.http.JsonMapper;
import io.faildaily.backend.http.LogRoutes;
import io.faildaily.backend.http.ModerationRoutes;
import io.faildaily.backend.http.RateLimiter;
import io.faildaily.backend.http.ReactionRoutes;
import io.faildaily.backend.http.StaffDatabaseRoutes;
import io.faildaily.backend.http.StaffSettingsRoutes;
import io.faildaily.backend.http.StaffUserRoutes;
import io.faildaily.backend.http.UploadRoutes;
import io.faildaily.backend.http.UserRoutes;
import io.faildaily.backend.mail.Mailer;
import io.faildaily.backend.observability.LineLog;
import io.faildaily.backend.observability.RequestObserver;
import io.faildaily.backend.persistence.Database;
import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.service.ApiException;
import io.faildaily.backend.service.AuthService;
import io.faildaily.backend.service.BadgeService;
import io.faildaily.backend.service.CommentService;
import io.faildaily.backend.service.ActivityLog;
import io.faildaily.backend.service.AppSettings;
import io.faildaily.backend.service.LogViews;
import io.faildaily.backend.service.FailService;
import io.faildaily.backend.service.ModerationService;
import io.faildaily.backend.service.PasswordResetService;
import io.faildaily.backend.service.PointsLedger;
import io.faildaily.backend.service.ReactionService;
import io.faildaily.backend.service.UploadService;
import io.faildaily.backend.service.StaffSettings;
import io.faildaily.backend.service.UserAdminService;
import io.faildaily.backend.service.UserService;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running backend: wires configuration, database, services and routes, starts Jetty, and stops gracefully.
 * {@link Main} runs one from the environment; tests run one per class against a private MariaDB.
 */
public final class BackendApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackendApp.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /** The original's express.json({limit: '10mb'}). */
    private static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
    /** Paths that are neither rate-limited nor request-logged: probes and scrapes would drown the rest. */
    private static final Set<String> QUIET_PATHS = Set.of("/health", "/api/health", "/api/health/ready", "/metrics");

    private final Database database;
    private final Javalin javalin;
    private final LineLog requestLog;
    private final LineLog clientLog;
    private final InFlightRequests inFlight;
    private final PasswordResetService passwordReset;
    private final ActivityLog activityLog;
    /** "METHOD path" of every route the server answers (README's endpoint list is checked against it). */
    private final java.util.Set<String> endpoints = new java.util.TreeSet<>();
    private final ServerConnector[] connector = new ServerConnector[1];

    private BackendApp(AppConfig config, Clock clock) {
        ObjectMapper json = JsonMapper.create();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);

        database = new Database(config, metrics);
        database.migrate(config.dbStartupTimeout());
        Jdbc jdbc = new Jdbc(database.dataSource());

        PasswordHasher hasher = new PasswordHasher(config.bcryptRounds());
        JwtCodec jwt = new JwtCodec(config.jwtSecret(), config.jwtExpiresIn(), clock, json);
        PointsLedger points = new PointsLedger(clock);
        AppSettings settings = new AppSettings(jdbc, json, clock);
        BadgeService badges = new BadgeService(jdbc, settings, clock);
        ActiveUserCache activeUsers = new ActiveUserCache(config.authCacheTtl(), System::nanoTime);
        AuthService auth = new AuthService(jdbc, hasher, jwt, clock, json, activeUsers, config.adminEmails(),
                badges);
        Authenticator authenticator = new Authenticator(auth);
        passwordReset = new PasswordResetService(jdbc, hasher, Mailer.of(config.mail()), config.mail(), clock);
        FailService fails = new FailService(jdbc, points, badges, settings, clock);
        ModerationService moderation = new ModerationService(jdbc, settings, clock);
        UserAdminService userAdmin = new UserAdminService(jdbc, points, activeUsers, json, clock);
        int promoted = userAdmin.promoteAdministrators(config.adminEmails());
        if (promoted > 0) {
            LOG.info("ADMIN_EMAILS: {} account(s) made administrators", promoted);
        }
        ReactionService reactions = new ReactionService(jdbc, points, badges, settings, clock);
        CommentService comments = new CommentService(jdbc, points, badges, settings, clock);
        UserService users = new UserService(jdbc, points, badges);
        UploadService uploads = new UploadService(config.uploadDir(), jdbc, clock);
        activityLog = new ActivityLog(jdbc, json, clock, config.logRetentionDays());
        LogViews logViews = new LogViews(jdbc, json, clock);

        requestLog = new LineLog("requests", System.out, config.logDir().resolve("requests.log"));
        clientLog = new LineLog("client-events", null, config.logDir().resolve("client-events.log"));
        metrics.gauge("faildaily_log_lines_dropped", requestLog, LineLog::dropped);
        metrics.gauge("faildaily_activity_log_entries_dropped", activityLog, ActivityLog::dropped);
        RequestObserver observer = new RequestObserver(requestLog, metrics);
        RateLimiter limiter = new RateLimiter(config.rateLimitMaxRequests(), config.rateLimitWindow(), clock);
        CrossOrigin cors = new CrossOrigin(config.corsOrigins());
        inFlight = new InFlightRequests();

        javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.events.handlerAdded(h -> {
                String method = h.getHttpMethod().name();
                if (!method.equals("BEFORE") && !method.equals("AFTER") && !method.equals("OPTIONS")
                        && !method.startsWith("BEFORE") && !method.startsWith("AFTER")) {
                    endpoints.add(method + " " + h.getPath());
                }
            });
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.jetty.multipartConfig.maxFileSize(UploadService.MAX_IMAGE_BYTES + 1024 * 1024, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(UploadService.MAX_IMAGE_BYTES + 2 * 1024 * 1024,
                    SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize(256 * 1024, SizeUnit.BYTES);
            cfg.jetty.addConnector((server, httpConfig) -> {
                httpConfig.setSendServerVersion(false);
                // Jetty caches header fields per connection and empties the whole cache (a 1,024-slot trie) when a
                // new value does not fit. Through a proxy's keep-alive connections every request carries another
                // user's bearer token, so each request emptied it: 18% of the backend's CPU under load, for a
                // cache that never hits. Common fields ("Connection: keep-alive") stay in Jetty's static cache.
                httpConfig.setHeaderCacheSize(0);
                ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                c.setHost(config.host());
                c.setPort(config.port());
                c.setIdleTimeout(config.keepAliveTimeout().toMillis()); // the seed's keepAliveTimeout: 65 s
                connector[0] = c;
                return c;
            });
            cfg.jetty.modifyServer(server -> server.addBean(new NetworkConnectionLimit(config.maxConnections(), server)));
            cfg.jetty.modifyServletContextHandler(h -> h.addFilter(new FilterHolder(inFlight), "/*",
                    EnumSet.of(DispatcherType.REQUEST)));
            cfg.requestLogger.http((ctx, ms) -> {
                Audit.writeTo(activityLog, ctx);
                if (QUIET_PATHS.contains(ctx.path())) {
                    return;
                }
                String route;
                try {
                    route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
                } catch (RuntimeException e) {
                    route = "unmatched";
                }
                AuthUser user = Authenticator.of(ctx);
                observer.record(new RequestObserver.Request(ctx.method().name(), ctx.path(), route,
                        ctx.statusCode(), ms, ctx.ip(), ctx.header("User-Agent"), user == null ? null : user.id()));
            });

            var routes = cfg.routes;
            routes.before(ctx -> {
                // A small body is read before anything may answer early (no token, a rate limit, a bad id): Jetty
                // closes a keep-alive connection whose request body was left unread, and a client that reuses it
                // at that moment gets no response at all (seen once in a test run, after a 401 to a POST).
                long announced = ctx.req().getContentLengthLong();
                if (announced > 0 && announced <= MAX_BODY_BYTES && !ctx.isMultipart()) {
                    ctx.bodyAsBytes();
                }
                // helmet's essentials
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("X-Frame-Options", "SAMEORIGIN");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
                cors.apply(ctx);
                if (!QUIET_PATHS.contains(ctx.path()) && !"OPTIONS".equals(ctx.method().name())) {
                    limiter.check(ctx);
                }
                // An announced oversize body is refused before it is read (uploads check their own limits).
                if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES && !ctx.isMultipart()) {
                    throw new ApiException(413, "PAYLOAD_TOO_LARGE", "Requête trop volumineuse (max 10 Mo)");
                }
            });
            routes.options("/*", cors::preflight);
            routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            new HealthRoutes(config, database, inFlight).register(routes);
            new AuthRoutes(auth, passwordReset, authenticator, json).register(routes);
            new FailRoutes(fails, authenticator, json).register(routes);
            new ReactionRoutes(reactions, authenticator, json).register(routes);
            new CommentRoutes(comments, authenticator, json).register(routes);
            new ModerationRoutes(moderation, authenticator, json).register(routes);
            new StaffUserRoutes(userAdmin, authenticator, json).register(routes);
            new StaffSettingsRoutes(new StaffSettings(jdbc, settings), authenticator, json).register(routes);
            new StaffDatabaseRoutes(jdbc, authenticator).register(routes);
            new UserRoutes(users, badges, authenticator, json).register(routes);
            new UploadRoutes(uploads, authenticator).register(routes);
            new ClientLogRoutes(clientLog, authenticator, json).register(routes);
            new LogRoutes(logViews, activityLog, authenticator, json).register(routes);
            ErrorResponses.register(routes);
        });
    }

    /** Migrates the schema, then serves on the configured port (0 = any free port, see {@link #port()}). */
    public static BackendApp start(AppConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(AppConfig)}, on {@code clock} (tests of what depends on the date). */
    public static BackendApp start(AppConfig config, Clock clock) {
        BackendApp app = new BackendApp(config, clock);
        try {
            app.javalin.start();
        } catch (RuntimeException e) {
            app.database.close();
            throw e;
        }
        LOG.info("FailDaily API listening on {}:{} (environment {})", config.host(), app.port(), config.environment());
        return app;
    }

    public int port() {
        return connector[0].getLocalPort();
    }

    /** Every route served, as "METHOD path" (path parameters as {name}). */
    public java.util.Set<String> endpoints() {
        return java.util.Collections.unmodifiableSet(endpoints);
    }

    public int inFlightRequests() {
        return inFlight.active();
    }

    /** Graceful stop: finish the requests in flight (up to 30 s), then close the server, the pool and the logs. */
    @Override
    public void close() {
        if (!inFlight.drain(DRAIN_TIMEOUT)) {
            LOG.warn("Stopping with {} request(s) still in flight after {}", inFlight.active(), DRAIN_TIMEOUT);
        }
        javalin.stop();
        passwordReset.close();
        activityLog.close();
        database.close();
        requestLog.close();
        clientLog.close();
    }
}
