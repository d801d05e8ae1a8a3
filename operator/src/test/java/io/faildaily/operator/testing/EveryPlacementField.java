package io.faildaily.operator.testing;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.faildaily.operator.api.ExtraVolume;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;
import io.faildaily.operator.api.ImagePullSecret;
import io.faildaily.operator.api.IngressSpec;
import io.faildaily.operator.api.PodPlacementSpec;
import io.faildaily.operator.api.SidecarSpec;

/**
 * A FailDaily that sets every placement, pod-shape and Ingress field of every component (database, backend,
 * frontend, the backup and restore Jobs; extra volumes and mounts everywhere, a sidecar except in the Jobs),
 * with values a platform team would write: what the model, the
 * validator, the Pod Security check, the API-server emulation and the steady-state test all take.
 */
public final class EveryPlacementField {
    public static final String NODE_LABEL = "node-role.example.com/faildaily";
    public static final String TEAM_LABEL = "example.com/team";
    public static final String POD_ANNOTATION = "example.com/owner";
    public static final String SERVICE_ANNOTATION = "example.com/scrape";
    public static final String LOAD_BALANCER_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-internal";
    public static final String CLUSTER_ISSUER = "cert-manager.io/cluster-issuer";
    public static final String ZONE = "topology.kubernetes.io/zone";
    public static final String CA_VOLUME = "corporate-ca";
    public static final String CA_PATH = "/etc/ssl/corporate";
    public static final String SIDECAR = "log-shipper";

    private EveryPlacementField() {}

    public static FailDaily failDaily(String namespace, String name) {
        return FailDailies.of(namespace, name, EveryPlacementField::customise);
    }

    public static void customise(FailDailySpec spec) {
        spec.getDatabase().setPod(placement("database"));
        spec.getDatabase().setServiceAnnotations(Map.of(SERVICE_ANNOTATION, "database"));
        spec.getDatabase().setResources(withCpuLimit("250m", "512Mi", "1", "1Gi"));
        spec.getBackend().setPod(placement("backend"));
        spec.getBackend().setServiceAnnotations(Map.of(SERVICE_ANNOTATION, "backend"));
        spec.getBackend().setResources(withCpuLimit("100m", "256Mi", "500m", "512Mi"));
        spec.getFrontend().setPod(placement("frontend"));
        spec.getFrontend().getService().setAnnotations(Map.of(LOAD_BALANCER_ANNOTATION, "true"));
        spec.getFrontend().setResources(withCpuLimit("50m", "64Mi", "200m", "256Mi"));
        IngressSpec ingress = new IngressSpec();
        ingress.setHost("faildaily.example.com");
        ingress.setClassName("nginx");
        ingress.setTlsSecretName("faildaily-tls");
        ingress.setPathType(IngressSpec.PathType.ImplementationSpecific);
        ingress.setAnnotations(Map.of(CLUSTER_ISSUER, "letsencrypt"));
        spec.getFrontend().setIngress(ingress);
        spec.getBackup().setPod(placement("backup"));
        spec.getBackup().setResources(withCpuLimit("100m", "128Mi", "500m", "512Mi"));
    }

    /** Every field of a component's pod, its own pull secret ({@code component}-registry) included. */
    public static PodPlacementSpec placement(String component) {
        PodPlacementSpec pod = new PodPlacementSpec();
        pod.setNodeSelector(Map.of("kubernetes.io/os", "linux"));
        pod.setTolerations(List.of(new TolerationBuilder().withKey(NODE_LABEL).withOperator("Equal")
                .withValue("true").withEffect("NoSchedule").build()));
        pod.setAffinity(new AffinityBuilder()
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey(NODE_LABEL).withOperator("Exists").endMatchExpression()
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .withNewPodAntiAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(10)
                .withNewPodAffinityTerm().withTopologyKey(ZONE)
                .withNewLabelSelector().addToMatchLabels("app.kubernetes.io/name", "other-app").endLabelSelector()
                .endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .build());
        pod.setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder().withMaxSkew(1)
                .withTopologyKey(ZONE).withWhenUnsatisfiable("ScheduleAnyway").build()));
        pod.setPriorityClassName("faildaily-high");
        pod.setLabels(Map.of(TEAM_LABEL, "shop"));
        pod.setAnnotations(Map.of(POD_ANNOTATION, "shop-team"));
        pod.setImagePullSecrets(List.of(ImagePullSecret.named(component + "-registry")));
        // A CA bundle mounted into the operator's containers, and (not in Jobs) a log shipper reading a scratch volume.
        ExtraVolume ca = new ExtraVolume();
        ca.setName(CA_VOLUME);
        ca.setSecret(new SecretVolumeSourceBuilder().withSecretName("corporate-ca").build());
        ExtraVolume scratch = new ExtraVolume();
        scratch.setName("shipper-state");
        scratch.setEmptyDir(new EmptyDirVolumeSourceBuilder().withSizeLimit(new Quantity("64Mi")).build());
        pod.setVolumes(List.of(ca, scratch));
        pod.setVolumeMounts(List.of(new VolumeMountBuilder().withName(CA_VOLUME).withMountPath(CA_PATH)
                .withReadOnly(true).build()));
        if (!component.equals("backup")) {
            SidecarSpec shipper = new SidecarSpec();
            shipper.setName(SIDECAR);
            shipper.setImage("registry.example.com/log-shipper:2.1");
            shipper.setArgs(List.of("--state", "/state"));
            shipper.setEnv(List.of(new EnvVarBuilder().withName("COMPONENT").withValue(component).build()));
            shipper.setPorts(List.of(new ContainerPortBuilder().withName("shipper-metrics").withContainerPort(9880)
                    .withProtocol("TCP").build()));
            shipper.setResources(withCpuLimit("10m", "32Mi", "100m", "64Mi"));
            shipper.setVolumeMounts(List.of(new VolumeMountBuilder().withName("shipper-state").withMountPath("/state")
                    .build()));
            pod.setSidecars(List.of(shipper));
        }
        return pod;
    }

    private static ResourceRequirements withCpuLimit(String cpu, String memory, String cpuLimit, String memoryLimit) {
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity(memory))
                .addToLimits("cpu", new Quantity(cpuLimit)).addToLimits("memory", new Quantity(memoryLimit))
                .build();
    }
}
