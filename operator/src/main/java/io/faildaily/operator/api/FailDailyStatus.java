package io.faildaily.operator.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

/** What the operator observed, following the Kubernetes API conventions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FailDailyStatus {
    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Pending, Provisioning, Ready, Degraded or Invalid.")
    private Phase phase;

    @JsonPropertyDescription("Ready parts out of the parts run in the cluster, e.g. 3/3.")
    private String ready;

    @JsonPropertyDescription("Where to reach the application.")
    private String url;

    @JsonPropertyDescription("DatabaseReady, BackendReady, FrontendReady, BackupScheduled and Ready, with reasons.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The newest finished backup: time, file, size, result.")
    private BackupRecord lastBackup;

    @JsonPropertyDescription("The newest backup that succeeded (the same as lastBackup unless that one failed).")
    private BackupRecord lastSuccessfulBackup;

    @JsonPropertyDescription("The newest restore drill (spec.backup.verify): the backup it restored and what came of it.")
    private VerificationRecord lastVerification;

    @JsonPropertyDescription("The last faildaily.io/backup-now token a backup Job was started for.")
    private String backupNowToken;

    @JsonPropertyDescription("Restore requests, newest last, and what came of them.")
    private List<RestoreRecord> restores = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public String getReady() {
        return ready;
    }

    public void setReady(String ready) {
        this.ready = ready;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = Objects.requireNonNullElseGet(conditions, ArrayList::new);
    }

    public BackupRecord getLastBackup() {
        return lastBackup;
    }

    public void setLastBackup(BackupRecord lastBackup) {
        this.lastBackup = lastBackup;
    }

    public BackupRecord getLastSuccessfulBackup() {
        return lastSuccessfulBackup;
    }

    public void setLastSuccessfulBackup(BackupRecord lastSuccessfulBackup) {
        this.lastSuccessfulBackup = lastSuccessfulBackup;
    }

    public VerificationRecord getLastVerification() {
        return lastVerification;
    }

    public void setLastVerification(VerificationRecord lastVerification) {
        this.lastVerification = lastVerification;
    }

    public String getBackupNowToken() {
        return backupNowToken;
    }

    public void setBackupNowToken(String backupNowToken) {
        this.backupNowToken = backupNowToken;
    }

    public List<RestoreRecord> getRestores() {
        return restores;
    }

    public void setRestores(List<RestoreRecord> restores) {
        this.restores = Objects.requireNonNullElseGet(restores, ArrayList::new);
    }

    /** A copy sharing nothing mutable with this one except the (immutable in practice) list elements. */
    public FailDailyStatus copy() {
        FailDailyStatus copy = new FailDailyStatus();
        copy.observedGeneration = observedGeneration;
        copy.phase = phase;
        copy.ready = ready;
        copy.url = url;
        copy.conditions = new ArrayList<>(conditions);
        copy.lastBackup = lastBackup;
        copy.lastSuccessfulBackup = lastSuccessfulBackup;
        copy.lastVerification = lastVerification;
        copy.backupNowToken = backupNowToken;
        copy.restores = new ArrayList<>(restores);
        return copy;
    }

    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FailDailyStatus other)) {
            return false;
        }
        return Objects.equals(observedGeneration, other.observedGeneration) && phase == other.phase
                && Objects.equals(ready, other.ready) && Objects.equals(url, other.url)
                && Objects.equals(conditions, other.conditions) && Objects.equals(lastBackup, other.lastBackup)
                && Objects.equals(lastSuccessfulBackup, other.lastSuccessfulBackup)
                && Objects.equals(lastVerification, other.lastVerification)
                && Objects.equals(backupNowToken, other.backupNowToken) && Objects.equals(restores, other.restores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, phase, ready, url, conditions, lastBackup, lastSuccessfulBackup,
                lastVerification, backupNowToken, restores);
    }
}
