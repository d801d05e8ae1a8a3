package io.faildaily.operator.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One restore drill, as its pod reported it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VerificationRecord {
    @JsonPropertyDescription("When the drill finished.")
    private String time;
    @JsonPropertyDescription("The backup it restored: the newest complete one when it ran.")
    private String backup;
    @JsonPropertyDescription("Succeeded or Failed.")
    private String result;
    @JsonPropertyDescription("Verified, or why not: NoBackup, BackupUnreadable, CheckTableFailed, RowCountMismatch, "
            + "DrillFailed, or the object store's error code.")
    private String reason;
    @JsonPropertyDescription("What was checked (tables and rows), or what went wrong.")
    private String message;
    @JsonPropertyDescription("The pod that ran it.")
    private String pod;

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public String getBackup() {
        return backup;
    }

    public void setBackup(String backup) {
        this.backup = backup;
    }

    public String getResult() {
        return result;
    }

    public void setResult(String result) {
        this.result = result;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getPod() {
        return pod;
    }

    public void setPod(String pod) {
        this.pod = pod;
    }

    public boolean succeeded() {
        return RestoreRecord.SUCCEEDED.equals(result);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationRecord r && Objects.equals(time, r.time) && Objects.equals(backup, r.backup)
                && Objects.equals(result, r.result) && Objects.equals(reason, r.reason)
                && Objects.equals(message, r.message) && Objects.equals(pod, r.pod);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, backup, result, reason, message, pod);
    }
}
