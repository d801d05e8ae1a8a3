package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.ImagePullSecret;
import io.faildaily.operator.api.IngressSpec;
import io.faildaily.operator.api.PodPlacementSpec;
import io.faildaily.operator.model.Checksums;
import io.faildaily.operator.model.Labels;
import io.faildaily.operator.testing.EveryPlacementField;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/** What the validator refuses in spec.<component>.pod, Service and Ingress annotations: each names its field. */
class PodPlacementRulesTest {
    @Test
    void everyPlacementFieldSetAsAPlatformTeamWouldIsValid() {
        assertThat(SpecValidator.validate(EveryPlacementField.failDaily("ns", "fd"))).isEmpty();
    }

    @Test
    void theOperatorsLabelsAndChecksumCannotBeOverridden() {
        assertThat(messages(backend(pod -> pod.setLabels(Map.of(Labels.COMPONENT, "frontend", "team", "a")))))
                .containsExactly("spec.backend.pod.labels[app.kubernetes.io/component]: app.kubernetes.io/component is "
                        + "set by the operator, which relies on it, and cannot be overridden");
        assertThat(fields(backend(pod -> pod.setLabels(Map.of(Labels.INSTANCE, "other")))))
                .containsExactly("spec.backend.pod.labels[app.kubernetes.io/instance]");
        assertThat(fields(backend(pod -> pod.setAnnotations(Map.of(Checksums.CONFIG_ANNOTATION, "x")))))
                .containsExactly("spec.backend.pod.annotations[faildaily.io/config-checksum]");
    }

    @Test
    void keysAndLabelValuesAreWhatTheApiServerAccepts() {
        assertThat(fields(backend(pod -> pod.setLabels(Map.of("bad key", "a")))))
                .containsExactly("spec.backend.pod.labels[bad key]");
        assertThat(fields(backend(pod -> pod.setLabels(Map.of("team", "not a value")))))
                .containsExactly("spec.backend.pod.labels[team]");
        assertThat(fields(backend(pod -> pod.setNodeSelector(Map.of("kubernetes.io/os", "-linux")))))
                .containsExactly("spec.backend.pod.nodeSelector[kubernetes.io/os]");
        assertThat(fields(backend(pod -> pod.setAnnotations(Map.of("example.com/note", "any text, even spaces")))))
                .as("annotation values are free text").isEmpty();
        assertThat(fields(backend(pod -> pod.setLabels(Map.of("a".repeat(64), "x"))))).hasSize(1);
        assertThat(fields(FailDailies.of("ns", "fd", s -> s.getBackend().setServiceAnnotations(Map.of("/x", "1")))))
                .containsExactly("spec.backend.serviceAnnotations[/x]");
        assertThat(fields(FailDailies.of("ns", "fd", s -> s.getFrontend().getService().setAnnotations(Map.of("a b", "1")))))
                .containsExactly("spec.frontend.service.annotations[a b]");
    }

    @Test
    void tolerationsAsTheApiServerValidatesThem() {
        assertThat(fields(backend(pod -> pod.setTolerations(List.of(new TolerationBuilder().withKey("k")
                .withOperator("Like").build()))))).containsExactly("spec.backend.pod.tolerations[0].operator");
        assertThat(fields(backend(pod -> pod.setTolerations(List.of(new TolerationBuilder().withOperator("Equal")
                .withValue("v").build()))))).containsExactly("spec.backend.pod.tolerations[0].operator");
        assertThat(fields(backend(pod -> pod.setTolerations(List.of(new TolerationBuilder().withKey("k")
                .withOperator("Exists").withValue("v").build()))))).containsExactly("spec.backend.pod.tolerations[0].value");
        assertThat(fields(backend(pod -> pod.setTolerations(List.of(new TolerationBuilder().withKey("k")
                .withEffect("NoSchedule").withTolerationSeconds(60L).build())))))
                .containsExactly("spec.backend.pod.tolerations[0].tolerationSeconds");
        assertThat(fields(backend(pod -> pod.setTolerations(List.of(new TolerationBuilder().withKey("k")
                .withEffect("Sometimes").build()))))).containsExactly("spec.backend.pod.tolerations[0].effect");
        assertThat(fields(backend(pod -> pod.setTolerations(List.of(new TolerationBuilder().withOperator("Exists").build(),
                new TolerationBuilder().withKey("k").withEffect("NoExecute").withTolerationSeconds(30L).build())))))
                .as("tolerate everything; evict after 30 s").isEmpty();
    }

    @Test
    void spreadConstraintsNeedTheirRequiredFieldsAndOneOfEachKey() {
        assertThat(fields(backend(pod -> pod.setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder()
                .build()))))).containsExactly("spec.backend.pod.topologySpreadConstraints[0].maxSkew",
                "spec.backend.pod.topologySpreadConstraints[0].topologyKey",
                "spec.backend.pod.topologySpreadConstraints[0].whenUnsatisfiable");
        var zone = new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("topology.kubernetes.io/zone")
                .withWhenUnsatisfiable("DoNotSchedule").build();
        assertThat(fields(backend(pod -> pod.setTopologySpreadConstraints(List.of(zone, zone)))))
                .containsExactly("spec.backend.pod.topologySpreadConstraints[1]");
        assertThat(fields(backend(pod -> pod.setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder(zone)
                .withWhenUnsatisfiable("ScheduleAnyway").withMinDomains(2).build())))))
                .containsExactly("spec.backend.pod.topologySpreadConstraints[0].minDomains");
        assertThat(fields(backend(pod -> pod.setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder(zone)
                .withNodeTaintsPolicy("Maybe").build())))))
                .containsExactly("spec.backend.pod.topologySpreadConstraints[0].nodeTaintsPolicy");
    }

    @Test
    void affinityTermsAreCheckedAndUnknownFieldsRefused() {
        Affinity noTopologyKey = new AffinityBuilder().withNewPodAntiAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution().withNewLabelSelector()
                .addToMatchLabels("app", "x").endLabelSelector().endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity().build();
        assertThat(fields(database(pod -> pod.setAffinity(noTopologyKey))))
                .containsExactly("spec.database.pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey");
        Affinity badOperator = new AffinityBuilder().withNewNodeAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(200).withNewPreference().addNewMatchExpression().withKey("disk").withOperator("Is")
                .endMatchExpression().endPreference().endPreferredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
        assertThat(fields(database(pod -> pod.setAffinity(badOperator)))).containsExactly(
                "spec.database.pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
                "spec.database.pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].operator");
        Affinity typo = new AffinityBuilder().withNewNodeAffinity().endNodeAffinity().build();
        typo.getNodeAffinity().setAdditionalProperty("requiredDuringScheduling", Map.of());
        assertThat(messages(database(pod -> pod.setAffinity(typo)))).containsExactly(
                "spec.database.pod.affinity.nodeAffinity.requiredDuringScheduling: is not a field of this Kubernetes type");
    }

    @Test
    void priorityClassPullSecretsAndBackupResources() {
        assertThat(fields(backend(pod -> pod.setPriorityClassName("High")))).containsExactly("spec.backend.pod.priorityClassName");
        assertThat(fields(backend(pod -> pod.setImagePullSecrets(List.of(ImagePullSecret.named("a"), ImagePullSecret.named("a"))))))
                .containsExactly("spec.backend.pod.imagePullSecrets[1].name");
        var resources = new ResourceRequirementsBuilder().build();
        resources.setAdditionalProperty("limit", Map.of("cpu", "1"));
        assertThat(fields(FailDailies.of("ns", "fd", s -> s.getBackup().setResources(resources))))
                .containsExactly("spec.backup.resources.limit");
    }

    @Test
    void ingressAnnotationKeysAreChecked() {
        FailDaily fd = FailDailies.of("ns", "fd", s -> {
            IngressSpec ingress = new IngressSpec();
            ingress.setHost("faildaily.example.com");
            ingress.setAnnotations(Map.of("nginx.ingress.kubernetes.io/", "1"));
            s.getFrontend().setIngress(ingress);
        });
        assertThat(fields(fd)).containsExactly("spec.frontend.ingress.annotations[nginx.ingress.kubernetes.io/]");
    }

    private static FailDaily backend(Consumer<PodPlacementSpec> customise) {
        PodPlacementSpec pod = new PodPlacementSpec();
        customise.accept(pod);
        return FailDailies.of("ns", "fd", s -> s.getBackend().setPod(pod));
    }

    static FailDaily database(Consumer<PodPlacementSpec> customise) {
        PodPlacementSpec pod = new PodPlacementSpec();
        customise.accept(pod);
        return FailDailies.of("ns", "fd", s -> s.getDatabase().setPod(pod));
    }

    static List<String> fields(FailDaily fd) {
        return SpecValidator.validate(fd).stream().map(Violation::field).toList();
    }

    static List<String> messages(FailDaily fd) {
        return SpecValidator.validate(fd).stream().map(Violation::toString).toList();
    }
}
