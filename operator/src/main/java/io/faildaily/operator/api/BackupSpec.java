package io.faildaily.operator.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Scheduled dumps of the database to a backups volume, or to an S3-compatible object store. */
@SpecData
public class BackupSpec {
    @JsonPropertyDescription("Take scheduled backups. Default true (for an in-cluster database).")
    private Boolean enabled;

    @JsonPropertyDescription("Cron schedule, in the CronJob's time zone (UTC unless the cluster says otherwise). Default '" + Defaults.BACKUP_SCHEDULE + "'.")
    @Pattern(Patterns.CRON)
    private String schedule;

    @JsonPropertyDescription("How many backup files to keep, newest first. Default " + Defaults.BACKUP_RETENTION + ".")
    @Min(1)
    @Max(1000)
    private Integer retention;

    @JsonPropertyDescription("The backups volume. Default size " + Defaults.BACKUP_STORAGE + ".")
    private VolumeSpec storage;

    @JsonPropertyDescription("CPU and memory of the backup and restore Jobs' container. Default: requests 100m and 128Mi, limit 512Mi.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Placement and metadata of the pods of the backup CronJob and of the on-demand backup and restore Jobs.")
    private PodPlacementSpec pod;

    @JsonPropertyDescription("Back up to this S3-compatible object store instead of the backups volume: each dump "
            + "streamed as a multipart upload, then a manifest that marks it complete.")
    private ObjectStoreSpec objectStore;

    @JsonPropertyDescription("Restore drills: the newest backup restored into a throwaway database, checked and counted.")
    private VerifySpec verify;

    public Boolean getEnabled() {
        return Objects.requireNonNullElse(enabled, Boolean.TRUE);
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getSchedule() {
        return Objects.requireNonNullElse(schedule, Defaults.BACKUP_SCHEDULE);
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public Integer getRetention() {
        return Objects.requireNonNullElse(retention, Defaults.BACKUP_RETENTION);
    }

    public void setRetention(Integer retention) {
        this.retention = retention;
    }

    public VolumeSpec getStorage() {
        if (storage == null) {
            storage = new VolumeSpec();
        }
        return storage;
    }

    public void setStorage(VolumeSpec storage) {
        this.storage = storage;
    }

    /** The user's resources, or null: the model's defaults. */
    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public PodPlacementSpec getPod() {
        if (pod == null) {
            pod = new PodPlacementSpec();
        }
        return pod;
    }

    public void setPod(PodPlacementSpec pod) {
        this.pod = pod;
    }

    /** The object store, or null: backups go to the backups volume. */
    public ObjectStoreSpec getObjectStore() {
        return objectStore;
    }

    public void setObjectStore(ObjectStoreSpec objectStore) {
        this.objectStore = objectStore;
    }

    public VerifySpec getVerify() {
        if (verify == null) {
            verify = new VerifySpec();
        }
        return verify;
    }

    public void setVerify(VerifySpec verify) {
        this.verify = verify;
    }
}
