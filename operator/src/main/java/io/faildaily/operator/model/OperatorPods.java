package io.faildaily.operator.model;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;
import io.faildaily.operator.api.PodPlacementSpec;

/**
 * The pods the operator renders for a component, without what {@code spec.<component>.pod} adds (volumes,
 * mounts, sidecars): what a user's additions are checked against, taken from the models themselves so that a
 * volume or mount the operator gains later is protected without a list to keep up to date.
 */
public final class OperatorPods {
    private OperatorPods() {}

    public static List<PodSpec> of(FailDaily fd, Component component) {
        FailDaily bare = Serialization.clone(fd);
        FailDailySpec spec = bare.getSpec();
        for (PodPlacementSpec pod : List.of(spec.getDatabase().getPod(), spec.getBackend().getPod(),
                spec.getFrontend().getPod(), spec.getBackup().getPod())) {
            pod.setVolumes(null);
            pod.setVolumeMounts(null);
            pod.setSidecars(null);
        }
        List<PodSpec> pods = new ArrayList<>();
        switch (component) {
            case DATABASE -> pods.add(withClaimTemplates(DatabaseModel.statefulSet(bare)));
            case BACKEND -> pods.add(BackendModel.deployment(bare).getSpec().getTemplate().getSpec());
            case FRONTEND -> pods.add(FrontendModel.deployment(bare).getSpec().getTemplate().getSpec());
            case BACKUP -> {
                pods.add(BackupModel.cronJob(bare).getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
                if (spec.getRestore() != null && spec.getRestore().getFrom() != null) {
                    pods.add(BackupModel.restoreJob(bare).getSpec().getTemplate().getSpec());
                }
            }
        }
        return pods;
    }

    /** The StatefulSet's pod as it runs: its claim templates are volumes of the pod, of the same names. */
    private static PodSpec withClaimTemplates(StatefulSet statefulSet) {
        PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();
        List<Volume> volumes = new ArrayList<>(pod.getVolumes() == null ? List.of() : pod.getVolumes());
        for (PersistentVolumeClaim claim : statefulSet.getSpec().getVolumeClaimTemplates()) {
            volumes.add(new VolumeBuilder().withName(claim.getMetadata().getName()).withNewPersistentVolumeClaim()
                    .withClaimName(claim.getMetadata().getName()).endPersistentVolumeClaim().build());
        }
        pod.setVolumes(volumes);
        return pod;
    }
}
