package io.faildaily.operator.model;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/**
 * Container resources: the user's, or requests and a memory limit sized for a small installation; in
 * the canonical form the API server stores (see CanonicalQuantity).
 */
public final class Resources {
    private Resources() {}

    public static ResourceRequirements orDefault(ResourceRequirements asked, String cpuRequest,
                                                 String memoryRequest, String memoryLimit) {
        if (asked != null) {
            return CanonicalQuantity.of(asked);
        }
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", CanonicalQuantity.quantity(cpuRequest))
                .addToRequests("memory", CanonicalQuantity.quantity(memoryRequest))
                .addToLimits("memory", CanonicalQuantity.quantity(memoryLimit))
                .build();
    }
}
