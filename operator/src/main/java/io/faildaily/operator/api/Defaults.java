package io.faildaily.operator.api;

/**
 * Every default of the FailDaily spec, in one place. The defaults live in the operator, not in the CRD
 * schema, so that upgrading the operator moves FailDaily objects that did not pin a value (images above
 * all) to the new default.
 */
public final class Defaults {
    private Defaults() {}

    /** MySQL 8.0, pinned to a patch release so a restart never changes the server version. */
    public static final String DATABASE_IMAGE = "mysql:8.0.43";
    /** Built from app-backend/ (see app-backend/Dockerfile); the chart's values name the same tag. */
    public static final String BACKEND_IMAGE = "ghcr.io/faildaily/faildaily-backend:0.1.0";
    /**
     * The operator's image (operator/Dockerfile; the chart's appVersion is its tag): the object-store backup
     * and restore Jobs run its {@code object-store} command. The chart passes the image it runs instead.
     */
    public static final String OPERATOR_IMAGE = "ghcr.io/faildaily/faildaily-operator:0.1.0";
    /** nginx that runs as a non-root user out of the box; pinned. */
    public static final String FRONTEND_IMAGE = "nginxinc/nginx-unprivileged:1.28.0-alpine";

    public static final String DATABASE_NAME = "faildaily_prod";
    public static final String DATABASE_USER = "faildaily_user";
    public static final int DATABASE_PORT = 3306;
    public static final String DATABASE_STORAGE = "10Gi";
    public static final String BUFFER_POOL_SIZE = "256M";
    public static final int DATABASE_MAX_CONNECTIONS = 200;

    public static final int BACKEND_PORT = 3000;
    public static final int BACKEND_KEEP_ALIVE_SECONDS = 65;
    public static final int BACKEND_MAX_CONNECTIONS = 100;
    /** SMTP submission port (STARTTLS), as the original's SMTP_PORT default. */
    public static final int SMTP_PORT = 587;
    /** Most addresses in spec.backend.adminEmails. */
    public static final int MAX_ADMIN_EMAILS = 20;
    public static final String UPLOADS_STORAGE = "5Gi";

    public static final int FRONTEND_CONTAINER_PORT = 8080;
    public static final int FRONTEND_SERVICE_PORT = 80;
    public static final String NGINX_WORKER_PROCESSES = "auto";
    public static final int NGINX_KEEPALIVE_SECONDS = 65;
    public static final String NGINX_CLIENT_MAX_BODY_SIZE = "10M";
    public static final String CACHE_STORAGE = "1Gi";

    /**
     * The exact inline handler of Angular's production build (its critical-CSS inliner) on the global
     * stylesheet link, {@code <link rel="stylesheet" href="styles-….css" media="print" onload="this.media='all'">},
     * and its hash: with {@code 'unsafe-hashes'} this handler, and no other inline script, may run.
     */
    public static final String ANGULAR_STYLESHEET_ONLOAD = "this.media='all'";
    public static final String ANGULAR_STYLESHEET_ONLOAD_HASH = "'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc='";

    /**
     * The Content-Security-Policy of the operator's own web page (no spec.frontend.image): only this origin,
     * no inline script but Angular's stylesheet handler (so that an Angular build served with this policy,
     * spec.frontend.nginx.contentSecurityPolicy set to it, works too), inline styles allowed (style
     * attributes set by script, the styles web components insert).
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-hashes' " + ANGULAR_STYLESHEET_ONLOAD_HASH + "; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /**
     * The Content-Security-Policy for a web application of its own (spec.frontend.image), whose sources the
     * operator cannot know: only what no single-page application needs is forbidden (plugins, a base URL
     * or framing from elsewhere), nothing it loads. The original FailDaily's nginx sends none at all.
     */
    public static final String IMAGE_CONTENT_SECURITY_POLICY = "object-src 'none'; base-uri 'self'; frame-ancestors 'self'";

    public static final String LOGS_STORAGE = "2Gi";

    public static final String BACKUP_SCHEDULE = "0 3 * * *";
    public static final int BACKUP_RETENTION = 7;
    public static final String BACKUP_STORAGE = "10Gi";
    /** Restore drills: Sundays at 04:30, after that night's backup (default 03:00) has finished. */
    public static final String VERIFY_SCHEDULE = "30 4 * * 0";
    /** The region requests to an object store are signed for when the spec names none (MinIO and Ceph accept it). */
    public static final String OBJECT_STORE_REGION = "us-east-1";

    public static final int REPLICAS = 1;
    public static final int AUTOSCALING_MIN_REPLICAS = 1;
    /** The autoscaler's CPU target when a spec gives none, as kube's own default for autoscaling/v2. */
    public static final int AUTOSCALING_CPU_PERCENT = 80;
    public static final int MAX_REPLICAS = 100;
    /** Most entries in spec.backend.env: far more than an app needs, and a bound for the CRD's CEL rule on it. */
    public static final int MAX_BACKEND_ENV = 100;
}
