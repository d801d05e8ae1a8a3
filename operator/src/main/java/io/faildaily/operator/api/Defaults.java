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
    public static final String UPLOADS_STORAGE = "5Gi";

    public static final int FRONTEND_CONTAINER_PORT = 8080;
    public static final int FRONTEND_SERVICE_PORT = 80;
    public static final String NGINX_WORKER_PROCESSES = "auto";
    public static final int NGINX_KEEPALIVE_SECONDS = 65;
    public static final String NGINX_CLIENT_MAX_BODY_SIZE = "10M";
    public static final String CACHE_STORAGE = "1Gi";

    public static final String LOGS_STORAGE = "2Gi";

    public static final String BACKUP_SCHEDULE = "0 3 * * *";
    public static final int BACKUP_RETENTION = 7;
    public static final String BACKUP_STORAGE = "10Gi";

    public static final int REPLICAS = 1;
    public static final int MAX_REPLICAS = 100;
    /** Most entries in spec.backend.env: far more than an app needs, and a bound for the CRD's CEL rule on it. */
    public static final int MAX_BACKEND_ENV = 100;
}
