package io.faildaily.operator.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.faildaily.operator.api.BackupSpec;
import io.faildaily.operator.api.DefaultImages;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.ObjectStoreSpec;
import io.faildaily.operator.api.RestoreRecord;
import io.faildaily.operator.api.RestoreSpec;
import io.faildaily.operator.objectstore.StoreSettings;

/**
 * Backups and restores: the scripts ConfigMap, the backups volume, the scheduled CronJob, on-demand
 * backup Jobs (annotation {@code faildaily.io/backup-now}), one-shot restore Jobs (spec.restore) and the restore
 * drills' CronJob (spec.backup.verify), whose pods restore the newest backup into a throwaway server of their own.
 * The Jobs run the database image (the spec's or the operator's default), whose mysqldump matches the server.
 * With spec.backup.objectStore, each Job pod has a second container, the operator's image, that streams the
 * dump to the store (or, to restore, from it) through a pipe in an emptyDir both share.
 */
public final class BackupModel {
    public static final String BACKUP_NOW_ANNOTATION = "faildaily.io/backup-now";
    public static final String BACKUP_SCRIPT = "backup.sh";
    public static final String RESTORE_SCRIPT = "restore.sh";
    public static final String VERIFY_SCRIPT = "verify.sh";
    /** What both scripts share: environment, reporting, the verified dump. */
    public static final String COMMON_SCRIPT = "common.sh";
    public static final String BACKUP_DIR = "/backups";
    public static final String CONTAINER = "backup";
    /** With an object store: the container beside {@link #CONTAINER} that uploads a backup, or downloads one to restore. */
    public static final String UPLOAD_CONTAINER = "upload";
    public static final String DOWNLOAD_CONTAINER = "download";
    /** The directory both containers share: the pipe the dump flows through. */
    public static final String STREAM_DIR = "/stream";
    /** Where operator/Dockerfile puts the operator's jar. */
    public static final String OPERATOR_JAR = "/opt/faildaily/faildaily-operator.jar";

    private BackupModel() {}

    public static ConfigMap scripts(FailDaily fd) {
        return new ConfigMapBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.BACKUP_SCRIPTS))
                .withData(Map.of(BACKUP_SCRIPT, Template.text(BACKUP_SCRIPT), RESTORE_SCRIPT, Template.text(RESTORE_SCRIPT),
                        VERIFY_SCRIPT, Template.text(VERIFY_SCRIPT), COMMON_SCRIPT, Template.text(COMMON_SCRIPT)))
                .build();
    }

    /** The seed's ./backups directory. */
    public static PersistentVolumeClaim claim(FailDaily fd) {
        return VolumeModel.claim(fd, Part.BACKUPS, fd.getSpec().getBackup().getStorage(), Defaults.BACKUP_STORAGE);
    }

    public static CronJob cronJob(FailDaily fd) {
        BackupSpec backup = fd.getSpec().getBackup();
        return new CronJobBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.BACKUP))
                .withNewSpec()
                .withSchedule(backup.getSchedule())
                // A backup still running when the next is due is not doubled.
                .withConcurrencyPolicy("Forbid")
                // A run missed by more than an hour (operator or cluster down) is skipped, not replayed.
                .withStartingDeadlineSeconds(3600L)
                .withSuccessfulJobsHistoryLimit(3)
                .withFailedJobsHistoryLimit(3)
                .withNewJobTemplate()
                .withNewMetadata().withLabels(Labels.of(fd, Part.BACKUP)).endMetadata()
                .withSpec(jobSpec(pod(fd, Part.BACKUP, BACKUP_SCRIPT, List.of()), 1, 3600L))
                .endJobTemplate()
                .endSpec()
                .build();
    }

    /** True when the restore drills' CronJob is wanted: backups and drills both enabled. */
    public static boolean verifyWanted(FailDaily fd) {
        BackupSpec backup = fd.getSpec().getBackup();
        return backup.getEnabled() && backup.getVerify().getEnabled();
    }

    /**
     * The restore drill: restores the newest backup into a server the pod starts for itself and checks it. A
     * drill that fails is not retried: its result is the finding, and the next one runs on schedule.
     */
    public static CronJob verifyCronJob(FailDaily fd) {
        return new CronJobBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.VERIFY))
                .withNewSpec()
                .withSchedule(fd.getSpec().getBackup().getVerify().getSchedule())
                .withConcurrencyPolicy("Forbid")
                .withStartingDeadlineSeconds(3600L)
                .withSuccessfulJobsHistoryLimit(1)
                .withFailedJobsHistoryLimit(3)
                .withNewJobTemplate()
                .withNewMetadata().withLabels(Labels.of(fd, Part.VERIFY)).endMetadata()
                .withSpec(jobSpec(pod(fd, Part.VERIFY, VERIFY_SCRIPT, List.of()), 0, 7200L))
                .endJobTemplate()
                .endSpec()
                .build();
    }

    /** The token of the faildaily.io/backup-now annotation, or null. */
    public static String backupNowToken(FailDaily fd) {
        Map<String, String> annotations = fd.getMetadata().getAnnotations();
        String token = annotations == null ? null : annotations.get(BACKUP_NOW_ANNOTATION);
        return token == null || token.isBlank() ? null : token;
    }

    /** True when the annotation asks for a backup no Job was started for yet. */
    public static boolean backupNowPending(FailDaily fd) {
        String token = backupNowToken(fd);
        return token != null && (fd.getStatus() == null || !token.equals(fd.getStatus().getBackupNowToken()));
    }

    public static String backupNowJobName(FailDaily fd) {
        return Names.of(fd, Part.BACKUP_NOW) + "-" + shortHash(backupNowToken(fd));
    }

    /** One Job per distinct token of the backup-now annotation; never updated once created. */
    public static Job backupNowJob(FailDaily fd) {
        return new JobBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.BACKUP_NOW))
                .editMetadata().withName(backupNowJobName(fd)).endMetadata()
                .withSpec(jobSpec(pod(fd, Part.BACKUP_NOW, BACKUP_SCRIPT, List.of()), 1, 3600L))
                .build();
    }

    /** True while spec.restore asks for a restore that has not finished: the backend is held at zero. */
    public static boolean restorePending(FailDaily fd) {
        RestoreSpec restore = fd.getSpec().getRestore();
        if (restore == null || restore.getFrom() == null) {
            return false;
        }
        List<RestoreRecord> history = fd.getStatus() == null ? List.of() : fd.getStatus().getRestores();
        return history.stream().filter(r -> r.isFor(restore))
                .noneMatch(r -> !RestoreRecord.RUNNING.equals(r.getResult()));
    }

    public static String restoreJobName(FailDaily fd) {
        RestoreSpec restore = fd.getSpec().getRestore();
        return Names.of(fd, Part.RESTORE) + "-"
                + shortHash(restore.getFrom() + "/" + (restore.getRequestId() == null ? "" : restore.getRequestId()));
    }

    /** Runs once: no retry, since a second attempt would restore over a half-restored database. */
    public static Job restoreJob(FailDaily fd) {
        List<EnvVar> env = List.of(Env.value("RESTORE_FILE", fd.getSpec().getRestore().getFrom()));
        return new JobBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.RESTORE))
                .editMetadata().withName(restoreJobName(fd)).endMetadata()
                .withSpec(jobSpec(pod(fd, Part.RESTORE, RESTORE_SCRIPT, env), 0, 7200L))
                .build();
    }

    private static JobSpec jobSpec(PodTemplateSpec pod, int backoffLimit, long deadlineSeconds) {
        return new JobSpecBuilder()
                .withBackoffLimit(backoffLimit)
                .withActiveDeadlineSeconds(deadlineSeconds)
                .withTemplate(pod)
                .build();
    }

    private static PodTemplateSpec pod(FailDaily fd, Part part, String script, List<EnvVar> extraEnv) {
        ObjectStoreSpec store = fd.getSpec().getBackup().getObjectStore();
        boolean restore = part == Part.RESTORE;
        boolean verify = part == Part.VERIFY;
        // A backup to the store streams and keeps nothing: it stays off the (ReadWriteOnce) backups claim. A
        // restore keeps its safety copy of the current data there. A drill reads the volume's backups, or the store's.
        boolean mountsBackups = store == null || restore;
        List<EnvVar> env = new ArrayList<>();
        if (!verify) {
            // A drill never reaches the live database: it gets neither its address nor a password.
            env.addAll(List.of(
                    Env.value("MYSQL_HOST", Names.of(fd, Part.DATABASE)),
                    Env.value("MYSQL_PORT", String.valueOf(Defaults.DATABASE_PORT)),
                    Env.value("MYSQL_USER", "root"),
                    // mysql clients read the password from MYSQL_PWD: it never appears in a command line.
                    Env.fromSecret("MYSQL_PWD", Names.of(fd, Part.CREDENTIALS), Names.SECRET_ROOT_PASSWORD)));
        }
        env.addAll(List.of(
                Env.value("MYSQL_DATABASE", Defaults.DATABASE_NAME),
                Env.value("BACKUP_DIR", BACKUP_DIR)));
        if (!verify) {
            env.add(Env.value("BACKUP_RETENTION", String.valueOf(fd.getSpec().getBackup().getRetention())));
        }
        env.addAll(extraEnv);
        if (store != null) {
            env.add(Env.value("STREAM_DIR", STREAM_DIR));
        }
        ContainerBuilder database = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(fd.getSpec().getDatabase().getImage())
                .withCommand("/bin/bash", "/scripts/" + script)
                .withEnv(env)
                // The operator reads the outcome (file, size or error) from the termination message.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                // A drill runs a whole server of its own and loads the backup into it.
                .withResources(verify ? Resources.orDefault(fd.getSpec().getBackup().getResources(), "100m", "256Mi", "1Gi")
                        : Resources.orDefault(fd.getSpec().getBackup().getResources(), "100m", "128Mi", "512Mi"))
                .withSecurityContext(PodSecurity.container());
        if (mountsBackups) {
            database.addNewVolumeMount().withName("backups").withMountPath(BACKUP_DIR).withReadOnly(verify ? true : null)
                    .endVolumeMount();
        }
        database.addNewVolumeMount().withName("scripts").withMountPath("/scripts").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount();
        if (store != null) {
            database.addNewVolumeMount().withName("stream").withMountPath(STREAM_DIR).endVolumeMount();
        }
        PodTemplateSpecBuilder pod = new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(Labels.of(fd, part)).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodSecurity.pod(PodSecurity.MYSQL_UID))
                .withImagePullSecrets(ImagePullSecrets.of(fd))
                .withAffinity(mountsBackups ? backupsAffinity(fd) : null)
                .addToContainers(database.build())
                .endSpec();
        if (store != null) {
            pod.editSpec().addToContainers(objectStoreContainer(fd, store, part)).endSpec();
        }
        if (mountsBackups) {
            pod.editSpec().addNewVolume().withName("backups").withNewPersistentVolumeClaim()
                    .withClaimName(Names.of(fd, Part.BACKUPS)).endPersistentVolumeClaim().endVolume().endSpec();
        }
        pod.editSpec()
                .addNewVolume().withName("scripts").withNewConfigMap().withName(Names.of(fd, Part.BACKUP_SCRIPTS))
                .withDefaultMode(0555).endConfigMap().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec();
        if (store != null) {
            // The pipe and the two sides' signal files: a few bytes on disk, the dump itself only passes through.
            pod.editSpec().addNewVolume().withName("stream").withNewEmptyDir().withSizeLimit(new Quantity("16Mi"))
                    .endEmptyDir().endVolume().endSpec();
        }
        return PodPlacement.apply(fd, Component.BACKUP, fd.getSpec().getBackup().getPod(), pod.build());
    }

    /**
     * The operator's own image, its {@code object-store upload} (backup) or {@code download} (restore; a drill:
     * {@code download --newest}) command: the same build as the operator, nothing fetched at run time. The store's
     * address as values, its keys by reference to the user's Secret.
     */
    private static Container objectStoreContainer(FailDaily fd, ObjectStoreSpec store, Part part) {
        boolean restore = part == Part.RESTORE;
        boolean download = restore || part == Part.VERIFY;
        List<EnvVar> env = new ArrayList<>(List.of(
                Env.value(StoreSettings.ENDPOINT, store.getEndpoint()),
                Env.value(StoreSettings.BUCKET, store.getBucket()),
                Env.value(StoreSettings.PREFIX, store.prefixFor(fd.getMetadata().getNamespace(), fd.getMetadata().getName())),
                Env.value(StoreSettings.REGION, store.getRegion()),
                Env.value(StoreSettings.PATH_STYLE, String.valueOf(store.getForcePathStyle())),
                Env.fromSecret(StoreSettings.ACCESS_KEY_ID, store.getCredentialsSecret(), ObjectStoreSpec.ACCESS_KEY_ID),
                Env.fromSecret(StoreSettings.SECRET_ACCESS_KEY, store.getCredentialsSecret(), ObjectStoreSpec.SECRET_ACCESS_KEY),
                Env.value("STREAM_DIR", STREAM_DIR),
                Env.value("MYSQL_DATABASE", Defaults.DATABASE_NAME)));
        if (restore) {
            env.add(Env.value("RESTORE_FILE", fd.getSpec().getRestore().getFrom()));
        } else if (!download) {
            env.add(Env.value("BACKUP_RETENTION", String.valueOf(fd.getSpec().getBackup().getRetention())));
        }
        List<String> command = new ArrayList<>(List.of("java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError",
                "-jar", OPERATOR_JAR, "object-store", download ? "download" : "upload"));
        if (part == Part.VERIFY) {
            command.add("--newest");
        }
        return new ContainerBuilder()
                .withName(download ? DOWNLOAD_CONTAINER : UPLOAD_CONTAINER)
                .withImage(DefaultImages.current().operator())
                .withCommand(command)
                .withEnv(env)
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withResources(Resources.orDefault(null, "50m", "128Mi", "384Mi"))
                .withSecurityContext(PodSecurity.container())
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .addNewVolumeMount().withName("stream").withMountPath(STREAM_DIR).endVolumeMount()
                .build();
    }

    /**
     * The scheduled backup, an on-demand backup, a restore and a drill are separate Jobs that may run at the same
     * time, and each mounts the backups claim (the database they reach over the network). When that claim attaches
     * to one node only, they all go to the node of whichever runs: null (no constraint) on ReadWriteMany.
     */
    private static Affinity backupsAffinity(FailDaily fd) {
        return VolumeAccess.manyNodes(fd.getSpec().getBackup().getStorage()) ? null
                : SameNode.as(Labels.selector(fd, Component.BACKUP));
    }

    /** Ten hex digits of SHA-256: distinct requests get distinct, stable, name-safe Job names. */
    static String shortHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
