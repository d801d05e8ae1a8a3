package io.faildaily.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A one-shot restore of a backup file from the backups volume, or from the object store when
 * spec.backup.objectStore is set. Each request (file and requestId) runs
 * once: status.restores records it. The backend is scaled to zero while the restore runs.
 */
@SpecData
public class RestoreSpec {
    @JsonPropertyDescription("Name of a backup file on the backups volume: a mysqldump of one database, "
            + "compressed or plain, e.g. faildaily_backup_20261124_030000.sql.gz or the original setup's "
            + "faildaily_backup_20261124_030000.sql. With spec.backup.objectStore: a complete backup in the "
            + "store's folder, e.g. faildaily_backup_20261124_030000.sql.gz (checked against its manifest first).")
    @Required
    @Pattern(Patterns.BACKUP_FILE)
    private String from;

    @JsonPropertyDescription("Any value; change it to restore the same file again.")
    @Pattern("^[-._a-zA-Z0-9]{0,63}$")
    private String requestId;

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }
}
