package io.faildaily.operator.api;

/** The condition types a FailDaily's status carries. */
public final class ConditionTypes {
    private ConditionTypes() {}

    public static final String DATABASE_READY = "DatabaseReady";
    public static final String BACKEND_READY = "BackendReady";
    public static final String FRONTEND_READY = "FrontendReady";
    public static final String BACKUP_SCHEDULED = "BackupScheduled";
    public static final String READY = "Ready";
    /** True when the credentials Secret is gone while the database volume it opens is still there. */
    public static final String CREDENTIALS_MISSING = "CredentialsMissing";
    /**
     * Present while a spec change made after FailDaily was Ready rolls out (phase Provisioning): the old pods
     * serve until the new ones are ready. It also tells the next reconciliation that FailDaily served
     * before, so that a part that then cannot start is Degraded rather than a first start.
     */
    public static final String PROGRESSING = "Progressing";
    /** Present once a backup ran: whether the newest one succeeded. */
    public static final String LAST_BACKUP_SUCCEEDED = "LastBackupSucceeded";
    /**
     * True while the annotation faildaily.io/paused is "true": the operator changes none of the instance's
     * objects; its lastTransitionTime says since when. Absent otherwise.
     */
    public static final String PAUSED = "Paused";
    /** Present once a restore was requested: whether the newest request succeeded. */
    public static final String LAST_RESTORE_SUCCEEDED = "LastRestoreSucceeded";
    /** The newest restore drill: True when the newest backup restored, passed CHECK TABLE and had its row counts. */
    public static final String BACKUP_VERIFIED = "BackupVerified";
}
