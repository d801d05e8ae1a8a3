package io.faildaily.operator.model;

/**
 * Label values and informer selectors as compile-time constants, because Java annotations (the
 * dependents' {@code @Informer(labelSelector = ...)}) accept nothing else.
 */
public final class PartLabels {
    private PartLabels() {}

    public static final String PART_KEY = "faildaily.io/part";
    public static final String MANAGED_BY_KEY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "faildaily-operator";

    public static final String CREDENTIALS = "credentials";
    public static final String DATABASE = "database";
    public static final String DATABASE_CONFIG = "database-config";
    public static final String BACKEND = "backend";
    public static final String UPLOADS = "uploads";
    public static final String LOGS = "logs";
    public static final String FRONTEND = "frontend";
    public static final String FRONTEND_CONFIG = "frontend-config";
    public static final String WEB = "web";
    public static final String CACHE = "nginx-cache";
    public static final String DEFAULT_DENY = "default-deny";
    public static final String BACKUP = "backup";
    public static final String BACKUPS = "backups";
    public static final String BACKUP_NOW = "backup-now";
    public static final String BACKUP_SCRIPTS = "backup-scripts";
    public static final String RESTORE = "restore";
    public static final String VERIFY = "verify";

    private static final String MANAGED = MANAGED_BY_KEY + "=" + MANAGED_BY + "," + PART_KEY + "=";

    public static final String SELECT_CREDENTIALS = MANAGED + CREDENTIALS;
    public static final String SELECT_DATABASE = MANAGED + DATABASE;
    public static final String SELECT_DATABASE_CONFIG = MANAGED + DATABASE_CONFIG;
    public static final String SELECT_BACKEND = MANAGED + BACKEND;
    public static final String SELECT_UPLOADS = MANAGED + UPLOADS;
    public static final String SELECT_LOGS = MANAGED + LOGS;
    public static final String SELECT_FRONTEND = MANAGED + FRONTEND;
    public static final String SELECT_FRONTEND_CONFIG = MANAGED + FRONTEND_CONFIG;
    public static final String SELECT_WEB = MANAGED + WEB;
    public static final String SELECT_CACHE = MANAGED + CACHE;
    public static final String SELECT_DEFAULT_DENY = MANAGED + DEFAULT_DENY;
    public static final String SELECT_BACKUP = MANAGED + BACKUP;
    public static final String SELECT_BACKUPS = MANAGED + BACKUPS;
    public static final String SELECT_BACKUP_NOW = MANAGED + BACKUP_NOW;
    public static final String SELECT_BACKUP_SCRIPTS = MANAGED + BACKUP_SCRIPTS;
    public static final String SELECT_RESTORE = MANAGED + RESTORE;
    public static final String SELECT_VERIFY = MANAGED + VERIFY;
    /** Every pod of backup, on-demand backup, restore and verify Jobs. */
    public static final String SELECT_BACKUP_PODS = MANAGED_BY_KEY + "=" + MANAGED_BY + "," + Labels.COMPONENT + "=backup";
    /**
     * Every pod of the database StatefulSet and the backend and frontend Deployments: whatever is the
     * operator's and not a backup pod. Written with "!=" rather than "in (database,backend,frontend)"
     * because fabric8's mock API server ignores set-based requirements (a real one knows both).
     */
    public static final String SELECT_WORKLOAD_PODS = MANAGED_BY_KEY + "=" + MANAGED_BY + "," + Labels.COMPONENT + "!=backup";
}
