package io.faildaily.operator.model;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/** Container resources: the user's, or requests and a memory limit sized for a small installation. */
public final class Resources {
    private Resources() {}

    public static ResourceRequirements orDefault(ResourceRequirements asked, String cpuRequest,
                                                 String memoryRequest, String memoryLimit) {
        if (asked != null) {
            return asked;
        }
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(cpuRequest))
                .addToRequests("memory", new Quantity(memoryRequest))
                .addToLimits("memory", new Quantity(memoryLimit))
                .build();
    }
}
