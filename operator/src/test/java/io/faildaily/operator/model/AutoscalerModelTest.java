package io.faildaily.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.faildaily.operator.api.AutoscalingSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.reconciler.SpecValidator;
import io.faildaily.operator.reconciler.Violation;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/** spec.<part>.autoscaling: the HorizontalPodAutoscaler, and a Deployment whose replicas are left to it. */
class AutoscalerModelTest {
    @Test
    void anAutoscalerTargetsItsDeploymentWithTheDefaultCpuTarget() {
        FailDaily fd = FailDailies.of("ns", "fd", spec -> spec.getFrontend().setAutoscaling(autoscaling(2, 6, null, null)));
        HorizontalPodAutoscaler hpa = AutoscalerModel.frontend(fd);
        assertThat(hpa.getMetadata().getName()).isEqualTo("fd-frontend");
        assertThat(hpa.getMetadata().getLabels()).containsEntry(Labels.COMPONENT, "frontend");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("fd-frontend");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getResource().getName() + "=" + m.getResource().getTarget()
                .getAverageUtilization()).containsExactly("cpu=80");
        assertThat(FrontendModel.deployment(fd).getSpec().getReplicas()).as("the autoscaler's").isNull();
        assertThat(Topology.of(fd, RandomStrings.secure())).extracting(HasMetadata::getKind).contains("HorizontalPodAutoscaler");
    }

    @Test
    void memoryAloneOrBothTargets() {
        List<MetricSpec> memory = AutoscalerModel.frontend(FailDailies.of("ns", "fd", spec ->
                spec.getFrontend().setAutoscaling(autoscaling(1, 3, null, 70)))).getSpec().getMetrics();
        assertThat(memory).extracting(m -> m.getResource().getName()).containsExactly("memory");
        List<MetricSpec> both = AutoscalerModel.backend(FailDailies.of("ns", "fd", spec ->
                spec.getBackend().setAutoscaling(autoscaling(1, 3, 60, 70)))).getSpec().getMetrics();
        assertThat(both).extracting(m -> m.getResource().getName() + "=" + m.getResource().getTarget().getAverageUtilization())
                .containsExactly("cpu=60", "memory=70");
    }

    @Test
    void whatRunsIsKeptAndNothingRunningStartsAtTheMinimum() {
        AutoscalingSpec autoscaling = autoscaling(2, 6, null, null);
        assertThat(AutoscalerModel.replicas(autoscaling, 5)).isEqualTo(5);
        assertThat(AutoscalerModel.replicas(autoscaling, null)).isEqualTo(2);
        assertThat(AutoscalerModel.replicas(autoscaling, 0)).as("after a restore held it at zero").isEqualTo(2);
    }

    @Test
    void aRestoreStillHoldsAnAutoscaledBackendAtZeroAndTheBudgetFollowsMaxReplicas() {
        FailDaily fd = FailDailies.of("ns", "fd", spec -> {
            spec.getBackend().setAutoscaling(autoscaling(1, 4, null, null));
            io.faildaily.operator.api.RestoreSpec restore = new io.faildaily.operator.api.RestoreSpec();
            restore.setFrom("faildaily_backup_20261124_030000.sql.gz");
            spec.setRestore(restore);
        });
        assertThat(BackendModel.deployment(fd).getSpec().getReplicas()).isZero();
        assertThat(DisruptionBudgetModel.backendWanted(fd)).isTrue();
        assertThat(DisruptionBudgetModel.frontendWanted(FailDailies.of("ns", "fd", spec ->
                spec.getFrontend().setAutoscaling(autoscaling(1, 1, null, null))))).isFalse();
    }

    @Test
    void backendAutoscalingNeedsReadWriteManyAndMaxAtLeastMin() {
        List<Violation> onceNode = SpecValidator.validate(FailDailies.of("ns", "fd", spec ->
                spec.getBackend().setAutoscaling(autoscaling(1, 3, null, null))));
        assertThat(onceNode).extracting(Violation::field).containsExactly("spec.backend.uploads.accessModes", "spec.logs.accessModes");
        assertThat(onceNode.get(0).message()).contains("autoscaling the backend", "ReadWriteMany");
        assertThat(SpecValidator.validate(FailDailies.of("ns", "fd", spec -> {
            spec.getBackend().setAutoscaling(autoscaling(1, 3, null, null));
            spec.getBackend().setUploads(shared());
            spec.setLogs(shared());
        }))).isEmpty();
        assertThat(SpecValidator.validate(FailDailies.of("ns", "fd", spec ->
                spec.getFrontend().setAutoscaling(autoscaling(4, 2, null, null))))).extracting(Violation::field)
                .containsExactly("spec.frontend.autoscaling.maxReplicas");
        assertThat(SpecValidator.validate(FailDailies.of("ns", "fd", spec ->
                spec.getFrontend().setAutoscaling(new AutoscalingSpec())))).extracting(Violation::toString)
                .containsExactly("spec.frontend.autoscaling.maxReplicas: is required");
        assertThat(SpecValidator.validate(FailDailies.of("ns", "fd", spec ->
                spec.getFrontend().setAutoscaling(autoscaling(1, 2, 0, null))))).extracting(Violation::field)
                .containsExactly("spec.frontend.autoscaling.targetCPUUtilizationPercentage");
    }

    private static AutoscalingSpec autoscaling(int min, int max, Integer cpu, Integer memory) {
        AutoscalingSpec autoscaling = new AutoscalingSpec();
        autoscaling.setMinReplicas(min);
        autoscaling.setMaxReplicas(max);
        autoscaling.setTargetCPUUtilizationPercentage(cpu);
        autoscaling.setTargetMemoryUtilizationPercentage(memory);
        return autoscaling;
    }

    private static VolumeSpec shared() {
        VolumeSpec volume = new VolumeSpec();
        volume.setAccessModes(List.of(VolumeSpec.AccessMode.ReadWriteMany));
        return volume;
    }
}
