package io.faildaily.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.ImagePullSecret;
import io.faildaily.operator.api.IngressSpec;
import io.faildaily.operator.api.PodPlacementSpec;
import io.faildaily.operator.api.RestoreSpec;
import io.faildaily.operator.testing.EveryPlacementField;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.PodTemplates;
import org.junit.jupiter.api.Test;

/** spec.<component>.pod, Service annotations and the Ingress fields, rendered where each belongs. */
class PodPlacementTest {
    /** Every pod template of the FailDaily with every placement field, a backup-now and a restore pending. */
    private static Map<String, PodTemplateSpec> templates() {
        FailDaily fd = EveryPlacementField.failDaily("ns", "fd");
        fd.getMetadata().setAnnotations(Map.of(BackupModel.BACKUP_NOW_ANNOTATION, "t1"));
        RestoreSpec restore = new RestoreSpec();
        restore.setFrom("faildaily_backup_20261124_030000.sql.gz");
        fd.getSpec().setRestore(restore);
        return PodTemplates.of(Topology.of(fd, RandomStrings.secure()));
    }

    @Test
    void everyPodTemplateCarriesItsComponentsPlacement() {
        Map<String, PodTemplateSpec> templates = templates();
        assertThat(templates).as("database, backend, frontend, backup and drill CronJobs, backup-now and restore Jobs").hasSize(7);
        templates.forEach((name, template) -> {
            PodSpec pod = template.getSpec();
            String component = template.getMetadata().getLabels().get(Labels.COMPONENT);
            assertThat(pod.getNodeSelector()).as(name).containsEntry("kubernetes.io/os", "linux");
            assertThat(pod.getTolerations()).as(name).singleElement()
                    .satisfies(t -> assertThat(t.getKey()).isEqualTo(EveryPlacementField.NODE_LABEL));
            assertThat(pod.getPriorityClassName()).as(name).isEqualTo("faildaily-high");
            assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                    .getNodeSelectorTerms()).as(name).hasSize(1);
            assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                    .as(name).hasSize(1);
            assertThat(template.getMetadata().getLabels()).as(name).containsEntry(EveryPlacementField.TEAM_LABEL, "shop")
                    .containsEntry(Labels.INSTANCE, "fd").containsKey(PartLabels.PART_KEY);
            assertThat(template.getMetadata().getAnnotations()).as(name)
                    .containsEntry(EveryPlacementField.POD_ANNOTATION, "shop-team");
            assertThat(pod.getImagePullSecrets()).as(name + ": the component's own list")
                    .containsExactly(new LocalObjectReference(component + "-registry"));
            assertThat(pod.getTopologySpreadConstraints()).as(name)
                    .anySatisfy(c -> {
                        assertThat(c.getTopologyKey()).isEqualTo(EveryPlacementField.ZONE);
                        assertThat(c.getLabelSelector().getMatchLabels()).as("the component's pods, when not given")
                                .isEqualTo(Labels.selector(FailDailies.of("ns", "fd"), componentOf(component)));
                    });
            assertThat(pod.getContainers().get(0).getResources().getLimits()).as(name).containsKey("cpu");
        });
        assertThat(templates.get("Deployment/fd-frontend").getMetadata().getAnnotations())
                .as("the operator's checksum stays beside the user's").containsKey(Checksums.CONFIG_ANNOTATION);
        assertThat(templates.get("StatefulSet/fd-database").getMetadata().getAnnotations())
                .containsKey(Checksums.CONFIG_ANNOTATION);
    }

    @Test
    void addedVolumesMountsAndSidecarsComeBesideTheOperatorsOwn() {
        FailDaily bare = FailDailies.of("ns", "fd", spec -> {
            RestoreSpec restore = new RestoreSpec();
            restore.setFrom("faildaily_backup_20261124_030000.sql.gz");
            spec.setRestore(restore);
        });
        bare.getMetadata().setAnnotations(Map.of(BackupModel.BACKUP_NOW_ANNOTATION, "t1"));
        Map<String, PodTemplateSpec> own = PodTemplates.of(Topology.of(bare, RandomStrings.secure()));
        Map<String, PodTemplateSpec> templates = templates();
        assertThat(templates.keySet()).isEqualTo(own.keySet());
        templates.forEach((name, template) -> {
            PodSpec pod = template.getSpec();
            PodSpec operators = own.get(name).getSpec();
            boolean job = "backup".equals(template.getMetadata().getLabels().get(Labels.COMPONENT));
            assertThat(pod.getVolumes()).as(name + ": the operator's first, then the user's")
                    .extracting(io.fabric8.kubernetes.api.model.Volume::getName)
                    .containsSequence(operators.getVolumes().stream().map(io.fabric8.kubernetes.api.model.Volume::getName)
                            .toList())
                    .endsWith(EveryPlacementField.CA_VOLUME, "shipper-state");
            int operatorContainers = operators.getContainers().size();
            for (int i = 0; i < operatorContainers; i++) {
                var rendered = pod.getContainers().get(i);
                var mine = operators.getContainers().get(i);
                assertThat(rendered.getName()).as(name).isEqualTo(mine.getName());
                assertThat(rendered.getVolumeMounts()).as(name + ": the operator's mounts kept, the CA bundle added")
                        .containsSequence(mine.getVolumeMounts())
                        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo(EveryPlacementField.CA_PATH));
                assertThat(rendered.getSecurityContext()).isEqualTo(mine.getSecurityContext());
                assertThat(rendered.getCommand()).isEqualTo(mine.getCommand());
            }
            if (job) {
                assertThat(pod.getContainers()).as(name + ": no sidecar in a Job").hasSize(operatorContainers);
            } else {
                assertThat(pod.getContainers()).as(name).hasSize(operatorContainers + 1);
                var sidecar = pod.getContainers().get(operatorContainers);
                assertThat(sidecar.getName()).isEqualTo(EveryPlacementField.SIDECAR);
                assertThat(sidecar.getSecurityContext()).as("the restricted context of the operator's containers")
                        .isEqualTo(PodSecurity.container());
                assertThat(sidecar.getResources().getLimits()).containsKey("cpu");
                assertThat(sidecar.getVolumeMounts()).extracting(io.fabric8.kubernetes.api.model.VolumeMount::getMountPath)
                        .containsExactly("/state");
            }
        });
    }

    @Test
    void theOperatorsSpreadConstraintStaysBesideTheUsersAndOneOfTheSameKeyReplacesIt() {
        FailDaily fd = EveryPlacementField.failDaily("ns", "fd");
        List<TopologySpreadConstraint> spread = BackendModel.deployment(fd).getSpec().getTemplate().getSpec()
                .getTopologySpreadConstraints();
        assertThat(spread).extracting(TopologySpreadConstraint::getTopologyKey)
                .containsExactly(NodeSpread.TOPOLOGY_KEY, EveryPlacementField.ZONE);

        fd.getSpec().getBackend().getPod().setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder()
                .withMaxSkew(2).withTopologyKey(NodeSpread.TOPOLOGY_KEY).withWhenUnsatisfiable("ScheduleAnyway").build()));
        spread = BackendModel.deployment(fd).getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
        assertThat(spread).singleElement().satisfies(c -> assertThat(c.getMaxSkew()).isEqualTo(2));
    }

    @Test
    void theBackupJobsKeepTheirSameNodeAffinityBesideTheUsers() {
        FailDaily fd = FailDailies.of("ns", "fd", spec -> {
            PodPlacementSpec pod = new PodPlacementSpec();
            pod.setAffinity(new AffinityBuilder()
                    .withNewPodAffinity().addNewRequiredDuringSchedulingIgnoredDuringExecution().withTopologyKey("topology.kubernetes.io/zone")
                    .withNewLabelSelector().addToMatchLabels("app", "cache").endLabelSelector()
                    .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAffinity()
                    .withNewNodeAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(5)
                    .withNewPreference().addNewMatchExpression().withKey("disk").withOperator("In").withValues("ssd")
                    .endMatchExpression().endPreference().endPreferredDuringSchedulingIgnoredDuringExecution().endNodeAffinity()
                    .build());
            spec.getBackup().setPod(pod);
        });
        PodSpec pod = BackupModel.cronJob(fd).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertThat(pod.getAffinity().getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .as("the operator's term (ReadWriteOnce backups) first, then the user's")
                .extracting(t -> t.getTopologyKey()).containsExactly(SameNode.HOSTNAME, "topology.kubernetes.io/zone");
        assertThat(pod.getAffinity().getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
        assertThat(BackupModel.cronJob(FailDailies.of("ns", "fd")).getSpec().getJobTemplate().getSpec().getTemplate()
                .getSpec().getAffinity().getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .as("without a user's affinity: the operator's alone").hasSize(1);
    }

    @Test
    void theOperatorsLabelsWinAndNoPlacementChangesNothing() {
        FailDaily plain = FailDailies.of("ns", "fd");
        FailDaily overriding = FailDailies.of("ns", "fd", spec -> {
            PodPlacementSpec pod = new PodPlacementSpec();
            pod.setLabels(Map.of(Labels.COMPONENT, "database"));
            spec.getBackend().setPod(pod);
        });
        assertThat(BackendModel.deployment(overriding).getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry(Labels.COMPONENT, "backend");
        assertThat(BackendModel.deployment(FailDailies.of("ns", "fd", spec -> spec.getBackend().setPod(new PodPlacementSpec()))))
                .isEqualTo(BackendModel.deployment(plain));
    }

    @Test
    void aComponentWithoutItsOwnPullSecretsUsesTheFailDailys() {
        FailDaily fd = FailDailies.of("ns", "fd", spec -> {
            spec.setImagePullSecrets(List.of(ImagePullSecret.named("shared")));
            PodPlacementSpec none = new PodPlacementSpec();
            none.setImagePullSecrets(List.of());
            spec.getFrontend().setPod(none);
        });
        assertThat(BackendModel.deployment(fd).getSpec().getTemplate().getSpec().getImagePullSecrets())
                .containsExactly(new LocalObjectReference("shared"));
        assertThat(FrontendModel.deployment(fd).getSpec().getTemplate().getSpec().getImagePullSecrets())
                .as("[] for none").isEmpty();
    }

    @Test
    void serviceAnnotationsGoOnEachService() {
        FailDaily fd = EveryPlacementField.failDaily("ns", "fd");
        Service database = DatabaseModel.service(fd);
        Service backend = BackendModel.service(fd);
        Service frontend = FrontendModel.service(fd);
        assertThat(database.getMetadata().getAnnotations()).containsEntry(EveryPlacementField.SERVICE_ANNOTATION, "database");
        assertThat(backend.getMetadata().getAnnotations()).containsEntry(EveryPlacementField.SERVICE_ANNOTATION, "backend");
        assertThat(frontend.getMetadata().getAnnotations()).containsEntry(EveryPlacementField.LOAD_BALANCER_ANNOTATION, "true");
        assertThat(BackendModel.service(FailDailies.of("ns", "fd")).getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void theBackupJobsTakeTheirResources() {
        FailDaily fd = EveryPlacementField.failDaily("ns", "fd");
        assertThat(BackupModel.cronJob(fd).getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers()
                .get(0).getResources().getLimits()).containsEntry("cpu", new Quantity("500m"));
        assertThat(BackupModel.cronJob(FailDailies.of("ns", "fd")).getSpec().getJobTemplate().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getResources().getLimits()).doesNotContainKey("cpu")
                .containsEntry("memory", new Quantity("512Mi"));
    }

    @Test
    void ingressNginxGetsTheBodySizeOfNginxUnlessTheSpecSaysOtherwise() {
        FailDaily fd = EveryPlacementField.failDaily("ns", "fd");
        fd.getSpec().getFrontend().getNginx().setClientMaxBodySize("25M");
        Ingress ingress = FrontendModel.ingress(fd);
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry(FrontendModel.INGRESS_NGINX_BODY_SIZE, "25M")
                .containsEntry(EveryPlacementField.CLUSTER_ISSUER, "letsencrypt");
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPathType())
                .isEqualTo("ImplementationSpecific");

        fd.getSpec().getFrontend().getIngress().setAnnotations(Map.of(FrontendModel.INGRESS_NGINX_BODY_SIZE, "100m"));
        assertThat(FrontendModel.ingress(fd).getMetadata().getAnnotations())
                .as("the user's wins").containsEntry(FrontendModel.INGRESS_NGINX_BODY_SIZE, "100m");

        IngressSpec other = new IngressSpec();
        other.setHost("faildaily.example.com");
        other.setClassName("traefik");
        fd.getSpec().getFrontend().setIngress(other);
        Ingress traefik = FrontendModel.ingress(fd);
        assertThat(traefik.getMetadata().getAnnotations()).as("another class: nothing of ingress-nginx's").isNullOrEmpty();
        assertThat(traefik.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPathType()).isEqualTo("Prefix");
    }

    private static Component componentOf(String label) {
        for (Component c : Component.values()) {
            if (c.label().equals(label)) {
                return c;
            }
        }
        throw new AssertionError("no component " + label);
    }
}
