package io.faildaily.operator.model;

import java.util.List;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.VolumeSpec;

/** The seed's named volumes as PersistentVolumeClaims. */
public final class VolumeModel {
    private VolumeModel() {}

    /** uploads (the seed's ./data/uploads bind mount), mounted by the backend at /app/uploads. */
    public static PersistentVolumeClaim uploads(FailDaily fd) {
        return claim(fd, Part.UPLOADS, fd.getSpec().getBackend().getUploads(), Defaults.UPLOADS_STORAGE);
    }

    /** app-logs, shared by the backend (/app/logs) and nginx (/var/log/nginx). */
    public static PersistentVolumeClaim logs(FailDaily fd) {
        return claim(fd, Part.LOGS, fd.getSpec().getLogs(), Defaults.LOGS_STORAGE);
    }

    /** nginx-cache, mounted by nginx at /var/cache/nginx. */
    public static PersistentVolumeClaim cache(FailDaily fd) {
        return claim(fd, Part.CACHE, fd.getSpec().getFrontend().getCache(), Defaults.CACHE_STORAGE);
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
