package io.faildaily.operator.model;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.faildaily.operator.api.AutoscalingSpec;
import io.faildaily.operator.api.FailDaily;

/**
 * HorizontalPodAutoscalers (autoscaling/v2) of the backend and the frontend, named and labelled as their
 * Deployments. While one is asked for, the Deployment's replicas are the autoscaler's: the model leaves them
 * out ({@link #replicas}), and the dependent keeps what runs.
 */
public final class AutoscalerModel {
    private AutoscalerModel() {}

    public static boolean backendWanted(FailDaily fd) {
        return fd.getSpec().getBackend().getAutoscaling() != null;
    }

    public static boolean frontendWanted(FailDaily fd) {
        return fd.getSpec().getFrontend().getAutoscaling() != null;
    }

    public static HorizontalPodAutoscaler backend(FailDaily fd) {
        return of(fd, Part.BACKEND, fd.getSpec().getBackend().getAutoscaling());
    }

    public static HorizontalPodAutoscaler frontend(FailDaily fd) {
        return of(fd, Part.FRONTEND, fd.getSpec().getFrontend().getAutoscaling());
    }

    /**
     * The replicas to write while autoscaled: what runs, as the autoscaler set it, so that an update never
     * resets it; minReplicas when nothing runs yet or the Deployment was held at zero (an autoscaler does not
     * scale a Deployment at zero replicas, so it would stay there).
     */
    public static int replicas(AutoscalingSpec autoscaling, Integer running) {
        return running != null && running > 0 ? running : autoscaling.getMinReplicas();
    }

    private static HorizontalPodAutoscaler of(FailDaily fd, Part workload, AutoscalingSpec autoscaling) {
        List<MetricSpec> metrics = new ArrayList<>();
        if (autoscaling.getTargetCPUUtilizationPercentage() != null) {
            metrics.add(utilization("cpu", autoscaling.getTargetCPUUtilizationPercentage()));
        }
        if (autoscaling.getTargetMemoryUtilizationPercentage() != null) {
            metrics.add(utilization("memory", autoscaling.getTargetMemoryUtilizationPercentage()));
        }
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(ChildMetadata.of(fd, workload))
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                .withName(Names.of(fd, workload)).endScaleTargetRef()
                .withMinReplicas(autoscaling.getMinReplicas())
                .withMaxReplicas(autoscaling.getMaxReplicas())
                .withMetrics(metrics)
                .endSpec()
                .build();
    }

    private static MetricSpec utilization(String resource, int percent) {
        return new MetricSpecBuilder().withType("Resource")
                .withNewResource().withName(resource)
                .withNewTarget().withType("Utilization").withAverageUtilization(percent).endTarget()
                .endResource()
                .build();
    }
}
