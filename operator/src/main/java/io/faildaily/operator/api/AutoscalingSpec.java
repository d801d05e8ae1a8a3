package io.faildaily.operator.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * A HorizontalPodAutoscaler (autoscaling/v2) for the backend or the frontend. While it is set the operator
 * no longer writes the Deployment's replicas, so it never fights the autoscaler.
 */
@SpecData
public class AutoscalingSpec {
    @JsonPropertyDescription("Fewest pods. Default " + Defaults.AUTOSCALING_MIN_REPLICAS + ".")
    @Min(1)
    @Max(Defaults.MAX_REPLICAS)
    private Integer minReplicas;

    @JsonPropertyDescription("Most pods, at least minReplicas.")
    @Required
    @Min(1)
    @Max(Defaults.MAX_REPLICAS)
    private Integer maxReplicas;

    @JsonPropertyDescription("Average CPU use to keep, in percent of the containers' CPU request. Default "
            + Defaults.AUTOSCALING_CPU_PERCENT + " unless only targetMemoryUtilizationPercentage is set.")
    @Min(1)
    @Max(1000)
    private Integer targetCPUUtilizationPercentage;

    @JsonPropertyDescription("Average memory use to keep, in percent of the containers' memory request. None by default.")
    @Min(1)
    @Max(1000)
    private Integer targetMemoryUtilizationPercentage;

    public Integer getMinReplicas() {
        return Objects.requireNonNullElse(minReplicas, Defaults.AUTOSCALING_MIN_REPLICAS);
    }

    public void setMinReplicas(Integer minReplicas) {
        this.minReplicas = minReplicas;
    }

    /** The spec's, or null (refused: it is required). */
    public Integer getMaxReplicas() {
        return maxReplicas;
    }

    public void setMaxReplicas(Integer maxReplicas) {
        this.maxReplicas = maxReplicas;
    }

    /** The spec's; the default when no target at all is set; null when only the memory target is. */
    public Integer getTargetCPUUtilizationPercentage() {
        if (targetCPUUtilizationPercentage == null && targetMemoryUtilizationPercentage == null) {
            return Defaults.AUTOSCALING_CPU_PERCENT;
        }
        return targetCPUUtilizationPercentage;
    }

    public void setTargetCPUUtilizationPercentage(Integer targetCPUUtilizationPercentage) {
        this.targetCPUUtilizationPercentage = targetCPUUtilizationPercentage;
    }

    /** The spec's, or null: no memory target. */
    public Integer getTargetMemoryUtilizationPercentage() {
        return targetMemoryUtilizationPercentage;
    }

    public void setTargetMemoryUtilizationPercentage(Integer targetMemoryUtilizationPercentage) {
        this.targetMemoryUtilizationPercentage = targetMemoryUtilizationPercentage;
    }
}
