package io.faildaily.operator.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** A persistent volume claim: what the seed's named Docker volumes become. */
@SpecData
public class VolumeSpec {
    public enum AccessMode { ReadWriteOnce, ReadWriteMany, ReadWriteOncePod }

    @JsonPropertyDescription("Requested size, a Kubernetes quantity such as 5Gi. Growing it expands the claim; shrinking is refused.")
    @Pattern(Patterns.QUANTITY)
    private String size;

    @JsonPropertyDescription("StorageClass of the claim; the cluster's default class when unset.")
    @Pattern(Patterns.OBJECT_NAME)
    private String storageClassName;

    @JsonPropertyDescription("Access modes of the claim. Default [ReadWriteOnce]: one node at a time. ReadWriteMany (on storage that provides it) for a volume that pods on several nodes share. ReadWriteOncePod (one pod) goes alone.")
    private List<AccessMode> accessModes;

    public VolumeSpec() {}

    public VolumeSpec(String size) {
        this.size = size;
    }

    /** The size, or the given default when none was asked for. */
    public String sizeOr(String defaultSize) {
        return Objects.requireNonNullElse(size, defaultSize);
    }

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public List<AccessMode> getAccessModes() {
        return accessModes == null || accessModes.isEmpty() ? List.of(AccessMode.ReadWriteOnce) : accessModes;
    }

    public void setAccessModes(List<AccessMode> accessModes) {
        this.accessModes = accessModes;
    }
}
