package io.faildaily.operator.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.dependent.BackupsClaimDependent;
import io.faildaily.operator.dependent.DatabaseStatefulSetDependent;
import io.faildaily.operator.dependent.LogsClaimDependent;
import io.faildaily.operator.dependent.Secondaries;
import io.faildaily.operator.dependent.UploadsClaimDependent;
import io.faildaily.operator.model.DatabaseModel;
import io.faildaily.operator.model.Names;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Changes the cluster cannot make safely, refused before anything is touched: a MySQL release-series
 * downgrade (the data directory of a newer MySQL cannot be opened by an older one), shrinking a volume
 * (Kubernetes only grows claims), and changing a claim's access modes or storage class (the API server
 * refuses both on an existing claim, for ever: moving data to other storage is a backup and a restore).
 */
final class UpgradeGuard {
    private UpgradeGuard() {}

    static List<Violation> problems(FailDaily fd, Context<FailDaily> context) {
        List<Violation> problems = new ArrayList<>();
        FailDailySpec spec = fd.getSpec();
        if (spec.getDatabase().inCluster()) {
            Optional<StatefulSet> running = Secondaries.of(context, StatefulSet.class, DatabaseStatefulSetDependent.NAME);
            running.flatMap(UpgradeGuard::image).flatMap(MysqlVersion::of).ifPresent(current ->
                    MysqlVersion.of(spec.getDatabase().getImage())
                            .filter(wanted -> wanted.isSeriesDowngradeFrom(current))
                            .ifPresent(wanted -> problems.add(new Violation("spec.database.image", "MySQL cannot be "
                                    + "downgraded from " + current + " to " + wanted + ": its data directory is not "
                                    + "readable by an older release series; restore a backup into a new FailDaily instead"))));
            String claim = Names.databaseClaim(fd);
            context.getSecondaryResourcesAsStream(PersistentVolumeClaim.class)
                    .filter(pvc -> claim.equals(pvc.getMetadata().getName())).findFirst()
                    .ifPresent(pvc -> claim(problems, "spec.database.storage", spec.getDatabase().getStorage(),
                            Defaults.DATABASE_STORAGE, pvc));
        }
        check(problems, context, UploadsClaimDependent.NAME, "spec.backend.uploads", spec.getBackend().getUploads(),
                Defaults.UPLOADS_STORAGE);
        check(problems, context, LogsClaimDependent.NAME, "spec.logs", spec.getLogs(), Defaults.LOGS_STORAGE);
        check(problems, context, BackupsClaimDependent.NAME, "spec.backup.storage", spec.getBackup().getStorage(),
                Defaults.BACKUP_STORAGE);
        // spec.frontend.cache is not checked: it is a volume per pod, made anew with each pod of a rollout.
        return problems;
    }

    private static void check(List<Violation> problems, Context<FailDaily> context, String dependent, String field,
                              VolumeSpec volume, String defaultSize) {
        Secondaries.of(context, PersistentVolumeClaim.class, dependent)
                .ifPresent(pvc -> claim(problems, field, volume, defaultSize, pvc));
    }

    /** What {@code volume} asks of the existing claim {@code pvc} that the API server would refuse. */
    private static void claim(List<Violation> problems, String field, VolumeSpec volume, String defaultSize,
                              PersistentVolumeClaim pvc) {
        shrink(problems, field + ".size", volume.sizeOr(defaultSize), pvc);
        if (pvc.getSpec() == null) {
            return;
        }
        List<String> wantedModes = volume.getAccessModes().stream().map(Enum::name).toList();
        List<String> modes = pvc.getSpec().getAccessModes();
        if (modes != null && !modes.isEmpty() && !java.util.Set.copyOf(modes).equals(java.util.Set.copyOf(wantedModes))) {
            problems.add(new Violation(field + ".accessModes", "the access modes of an existing claim cannot change: "
                    + pvc.getMetadata().getName() + " is " + modes + ", not " + wantedModes
                    + "; to move the data, back it up and restore it into a FailDaily with the new volume"));
        }
        String wantedClass = volume.getStorageClassName();
        String storageClass = pvc.getSpec().getStorageClassName();
        // No class asked for: the cluster's default was taken at creation, and nothing is asked to change.
        if (wantedClass != null && storageClass != null && !wantedClass.equals(storageClass)) {
            problems.add(new Violation(field + ".storageClassName", "the storage class of an existing claim cannot "
                    + "change: " + pvc.getMetadata().getName() + " is on " + storageClass + ", not " + wantedClass
                    + "; to move the data, back it up and restore it into a FailDaily with the new volume"));
        }
    }

    private static void shrink(List<Violation> problems, String field, String wanted, PersistentVolumeClaim pvc) {
        Quantity current = pvc.getSpec() == null || pvc.getSpec().getResources() == null
                || pvc.getSpec().getResources().getRequests() == null ? null
                : pvc.getSpec().getResources().getRequests().get("storage");
        if (current != null && Quantity.getAmountInBytes(new Quantity(wanted))
                .compareTo(Quantity.getAmountInBytes(current)) < 0) {
            problems.add(new Violation(field, "volumes only grow: " + pvc.getMetadata().getName() + " has "
                    + current + ", " + wanted + " would shrink it"));
        }
    }

    private static Optional<String> image(StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> DatabaseModel.CONTAINER.equals(c.getName())).map(c -> c.getImage()).findFirst();
    }
}
