package io.faildaily.operator.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One backup run, as its pod reported it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupRecord {
    @JsonPropertyDescription("When the backup finished.")
    private String time;
    @JsonPropertyDescription("The file written on the backups volume, or in the object store's folder.")
    private String file;
    @JsonPropertyDescription("Its size in bytes.")
    private Long size;
    @JsonPropertyDescription("Succeeded or Failed.")
    private String result;
    @JsonPropertyDescription("Why it failed.")
    private String message;
    @JsonPropertyDescription("The pod that ran it.")
    private String pod;
    @JsonPropertyDescription("How long it ran, in seconds (from its pod's start to its end).")
    private Long durationSeconds;

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    public Long getSize() {
        return size;
    }

    public void setSize(Long size) {
        this.size = size;
    }

    public String getResult() {
        return result;
    }

    public void setResult(String result) {
        this.result = result;
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

    public Long getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(Long durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackupRecord r && Objects.equals(time, r.time) && Objects.equals(file, r.file)
                && Objects.equals(size, r.size) && Objects.equals(result, r.result)
                && Objects.equals(message, r.message) && Objects.equals(pod, r.pod)
                && Objects.equals(durationSeconds, r.durationSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, file, size, result, message, pod, durationSeconds);
    }
}
