package io.faildaily.operator.model;

import java.util.List;

import io.fabric8.kubernetes.api.model.EphemeralVolumeSource;
import io.fabric8.kubernetes.api.model.EphemeralVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.VolumeSpec;

/**
 * The seed's named volumes as PersistentVolumeClaims: claims of the instance (uploads, logs, backups), a
 * StatefulSet's claim template (mysql-data) and generic ephemeral volumes, a claim per pod (nginx-cache).
 */
public final class VolumeModel {
    private VolumeModel() {}

    /** uploads (the seed's ./data/uploads bind mount), mounted by the backend at /app/uploads. */
    public static PersistentVolumeClaim uploads(FailDaily fd) {
        return claim(fd, Part.UPLOADS, fd.getSpec().getBackend().getUploads(), Defaults.UPLOADS_STORAGE);
    }

    /** app-logs, the backend's (/app/logs); nginx logs to stdout and stderr only. */
    public static PersistentVolumeClaim logs(FailDaily fd) {
        return claim(fd, Part.LOGS, fd.getSpec().getLogs(), Defaults.LOGS_STORAGE);
    }

    /**
     * nginx-cache, a generic ephemeral volume: each nginx pod gets a claim of its own (named
     * {@code <pod>-nginx-cache}), made with the pod and deleted with it, so no two pods ever share one and
     * a new pod never waits for an old one's volume. What nginx keeps there (temp files of buffered
     * requests and responses) is worthless once its pod is gone.
     */
    public static EphemeralVolumeSource cache(FailDaily fd) {
        return new EphemeralVolumeSourceBuilder()
                .withNewVolumeClaimTemplate()
                .withNewMetadata().withLabels(Labels.of(fd, Part.CACHE)).endMetadata()
                .withSpec(spec(fd.getSpec().getFrontend().getCache(), Defaults.CACHE_STORAGE))
                .endVolumeClaimTemplate()
                .build();
    }

    public static PersistentVolumeClaim claim(FailDaily fd, Part part, VolumeSpec volume, String defaultSize) {
        return new PersistentVolumeClaimBuilder()
                .withMetadata(ChildMetadata.of(fd, part))
                .withSpec(spec(volume, defaultSize))
                .build();
    }

    /** A StatefulSet's volumeClaimTemplate: the controller names the claims {@code <name>-<pod>}. */
    public static PersistentVolumeClaim claimTemplate(FailDaily fd, Part part, String name, VolumeSpec volume,
                                                      String defaultSize) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withLabels(Labels.of(fd, part)).endMetadata()
                .withSpec(spec(volume, defaultSize))
                .build();
    }

    private static PersistentVolumeClaimSpec spec(VolumeSpec volume, String defaultSize) {
        List<String> modes = volume.getAccessModes().stream().map(Enum::name).toList();
        return new PersistentVolumeClaimSpecBuilder()
                .withAccessModes(modes)
                .withStorageClassName(volume.getStorageClassName())
                .withNewResources().addToRequests("storage", CanonicalQuantity.quantity(volume.sizeOr(defaultSize))).endResources()
                .build();
    }
}
