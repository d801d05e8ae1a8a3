package io.faildaily.operator.model;

import io.faildaily.operator.api.VolumeSpec;

/**
 * Which nodes can use a volume at once, read from the access modes a spec asks for. ReadWriteOnce attaches
 * to one node (a pod elsewhere waits for ever, "Multi-Attach error"), ReadWriteOncePod to one pod; only
 * ReadWriteMany lets pods on several nodes mount a claim together.
 */
public final class VolumeAccess {
    private VolumeAccess() {}

    /** True when pods on different nodes may mount the claim at the same time. */
    public static boolean manyNodes(VolumeSpec volume) {
        return volume.getAccessModes().contains(VolumeSpec.AccessMode.ReadWriteMany);
    }
}
