package io.faildaily.operator.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One restore request and what came of it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestoreRecord {
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    @JsonPropertyDescription("The backup file restored.")
    private String from;
    @JsonPropertyDescription("The requestId of the request, if it had one.")
    private String requestId;
    @JsonPropertyDescription("The restore Job.")
    private String job;
    @JsonPropertyDescription("When the operator first saw the request.")
    private String requestedAt;
    @JsonPropertyDescription("When the restore ended.")
    private String finishedAt;
    @JsonPropertyDescription("Running, Succeeded or Failed.")
    private String result;
    @JsonPropertyDescription("What the restore reported.")
    private String message;

    public RestoreRecord() {}

    public RestoreRecord(RestoreSpec request, String job, String requestedAt) {
        this.from = request.getFrom();
        this.requestId = request.getRequestId();
        this.job = job;
        this.requestedAt = requestedAt;
        this.result = RUNNING;
    }

    /** Whether this record is about that request. */
    public boolean isFor(RestoreSpec request) {
        return Objects.equals(from, request.getFrom()) && Objects.equals(requestId, request.getRequestId());
    }

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

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getRequestedAt() {
        return requestedAt;
    }

    public void setRequestedAt(String requestedAt) {
        this.requestedAt = requestedAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof RestoreRecord r && Objects.equals(from, r.from) && Objects.equals(requestId, r.requestId)
                && Objects.equals(job, r.job) && Objects.equals(requestedAt, r.requestedAt)
                && Objects.equals(finishedAt, r.finishedAt) && Objects.equals(result, r.result)
                && Objects.equals(message, r.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, requestId, job, requestedAt, finishedAt, result, message);
    }
}
