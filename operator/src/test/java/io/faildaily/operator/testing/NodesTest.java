package io.faildaily.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The multi-node stand-in on its own, without the operator: it must tell a rollout that works on several
 * nodes from one that cannot, or the operator tests on it prove nothing.
 */
class NodesTest {
    private static MockCluster cluster;
    private static KubernetesClient k8s;
    private static Nodes nodes;

    @BeforeAll
    static void start() {
        cluster = new MockCluster();
        k8s = cluster.fixtureClient();
        nodes = new Nodes(k8s, 2);
    }

    @AfterAll
    static void stop() {
        nodes.close();
        cluster.close();
    }

    @Test
    void aRollingUpdateOnAReadWriteOnceClaimStartsTheNewPodOnTheOtherNodeAndIsStuckWithMultiAttach() {
        String ns = namespace("rwo-rolling");
        claim(ns, "data", "ReadWriteOnce");
        k8s.resource(deployment(ns, "web", "RollingUpdate", "web:1", "data")).create();
        Pod first = Await.value("the first pod ready", () -> readyPods(ns, "web").stream().findFirst().orElse(null));
        assertThat(nodes.attachedTo(ns, "data")).contains(first.getSpec().getNodeName());

        setImage(ns, "web", "web:2");
        Pod second = Await.value("a second pod", () -> pods(ns, "web").stream()
                .filter(p -> !p.getMetadata().getName().equals(first.getMetadata().getName())).findFirst().orElse(null));
        assertThat(second.getSpec().getNodeName()).as("spread: the other node").isNotEqualTo(first.getSpec().getNodeName());
        Event multiAttach = Await.value("a Multi-Attach event on the new pod", () -> k8s.v1().events().inNamespace(ns)
                .list().getItems().stream().filter(e -> "FailedAttachVolume".equals(e.getReason())
                        && second.getMetadata().getName().equals(e.getInvolvedObject().getName())).findFirst().orElse(null));
        assertThat(multiAttach.getMessage()).startsWith("Multi-Attach error for volume \"pvc-")
                .endsWith("\" Volume is already used by pod(s) " + first.getMetadata().getName());
        assertThat(multiAttach.getType()).isEqualTo("Warning");
        assertThat(multiAttach.getInvolvedObject().getKind()).isEqualTo("Pod");
        assertThat(multiAttach.getInvolvedObject().getUid()).as("the new pod itself").isEqualTo(second.getMetadata().getUid());
        Await.sleep(1500);
        Pod stuck = k8s.pods().inNamespace(ns).withName(second.getMetadata().getName()).get();
        assertThat(stuck.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
                .isEqualTo("ContainerCreating");
        assertThat(PodsOf.ready(stuck)).isFalse();
        assertThat(k8s.pods().inNamespace(ns).withName(first.getMetadata().getName()).get()).as("the old pod serves on")
                .isNotNull();
        Deployment web = k8s.apps().deployments().inNamespace(ns).withName("web").get();
        assertThat(web.getStatus().getReplicas()).isEqualTo(2);
        assertThat(web.getStatus().getUpdatedReplicas()).isEqualTo(1);
        assertThat(web.getStatus().getReadyReplicas()).isEqualTo(1);
    }

    @Test
    void recreateOnTheSameClaimRollsBecauseTheOldPodGoesFirstAndDetaches() {
        String ns = namespace("rwo-recreate");
        claim(ns, "data", "ReadWriteOnce");
        k8s.resource(deployment(ns, "web", "Recreate", "web:1", "data")).create();
        Pod first = Await.value("the first pod ready", () -> readyPods(ns, "web").stream().findFirst().orElse(null));

        setImage(ns, "web", "web:2");
        Await.until("one ready pod of the new image, none of the old", () -> {
            List<Pod> pods = pods(ns, "web");
            return pods.size() == 1 && PodsOf.ready(pods.get(0))
                    && "web:2".equals(pods.get(0).getSpec().getContainers().get(0).getImage());
        });
        Pod second = pods(ns, "web").get(0);
        assertThat(second.getSpec().getNodeName()).isNotEqualTo(first.getSpec().getNodeName());
        assertThat(nodes.attachedTo(ns, "data")).as("detached from the old node, attached to the new")
                .contains(second.getSpec().getNodeName());
        String version = k8s.pods().inNamespace(ns).withName(second.getMetadata().getName()).get()
                .getMetadata().getResourceVersion();
        Await.sleep(1000);
        assertThat(k8s.pods().inNamespace(ns).withName(second.getMetadata().getName()).get().getMetadata()
                .getResourceVersion()).as("a running pod is not written again").isEqualTo(version);
        Await.until("the status counts the new pod, a pass later", () -> {
            Deployment web = k8s.apps().deployments().inNamespace(ns).withName("web").get();
            return web.getStatus().getUpdatedReplicas() == 1 && web.getStatus().getAvailableReplicas() == 1
                    && web.getStatus().getReplicas() == 1
                    && web.getStatus().getObservedGeneration().equals(web.getMetadata().getGeneration());
        });
    }

    @Test
    void aStatefulSetWaitsForItsBrokenPodAfterTheTemplateIsFixedUntilThePodIsDeleted() {
        String ns = namespace("sts");
        k8s.resource(statefulSet(ns, "db", "db:1")).create();
        Await.until("db-0 ready", () -> readyPods(ns, "db").size() == 1);
        assertThat(k8s.persistentVolumeClaims().inNamespace(ns).withName("data-db-0").get()).as("from the template")
                .isNotNull();
        String good = revision(ns);

        nodes.unpullable("db:broken");
        setStatefulSetImage(ns, "db:broken");
        Await.until("db-0 recreated on the broken revision, pulling in vain", () -> pods(ns, "db").stream()
                .anyMatch(p -> !good.equals(PodsOf.label(p, StatefulSetController.REVISION_LABEL))
                        && p.getStatus() != null && p.getStatus().getContainerStatuses() != null
                        && List.of("ErrImagePull", "ImagePullBackOff").contains(p.getStatus().getContainerStatuses()
                        .get(0).getState().getWaiting().getReason())));
        String broken = PodsOf.label(pods(ns, "db").get(0), StatefulSetController.REVISION_LABEL);

        setStatefulSetImage(ns, "db:1");
        Await.until("the controller reports the fixed revision", () -> good.equals(k8s.apps().statefulSets()
                .inNamespace(ns).withName("db").get().getStatus().getUpdateRevision()));
        Await.sleep(1000);
        Pod waiting = pods(ns, "db").get(0);
        assertThat(PodsOf.label(waiting, StatefulSetController.REVISION_LABEL)).as("still the broken pod").isEqualTo(broken);
        // As on a cluster, the revert reuses the good revision, so currentRevision equals updateRevision
        // again: only the counts show that no pod runs it.
        StatefulSet db = k8s.apps().statefulSets().inNamespace(ns).withName("db").get();
        assertThat(db.getStatus().getUpdatedReplicas()).isZero();
        assertThat(db.getStatus().getReadyReplicas()).isZero();

        k8s.pods().inNamespace(ns).withName("db-0").delete();
        Await.until("db-0 back at the fixed revision and ready", () -> readyPods(ns, "db").stream()
                .anyMatch(p -> good.equals(PodsOf.label(p, StatefulSetController.REVISION_LABEL))));
        Await.until("current revision caught up", () -> good.equals(k8s.apps().statefulSets().inNamespace(ns)
                .withName("db").get().getStatus().getCurrentRevision()));
    }

    private static String revision(String ns) {
        return Await.value("an update revision", () -> {
            StatefulSet db = k8s.apps().statefulSets().inNamespace(ns).withName("db").get();
            return db.getStatus() == null ? null : db.getStatus().getUpdateRevision();
        });
    }

    private static String namespace(String prefix) {
        String ns = prefix + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        cluster.createNamespace(ns);
        return ns;
    }

    private static void claim(String ns, String name, String mode) {
        k8s.persistentVolumeClaims().inNamespace(ns).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withAccessModes(mode).withNewResources().addToRequests("storage",
                        new io.fabric8.kubernetes.api.model.Quantity("1Gi")).endResources().endSpec().build()).create();
    }

    private static PodTemplateSpec template(String app, String image, String claim) {
        PodTemplateSpecBuilder template = new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("app", app))
                .endMetadata().withNewSpec().addNewContainer().withName(app).withImage(image).endContainer().endSpec();
        if (claim != null) {
            template.editSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(claim)
                    .endPersistentVolumeClaim().endVolume().endSpec();
        }
        return template.build();
    }

    private static Deployment deployment(String ns, String name, String strategy, String image, String claim) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewStrategy().withType(strategy).endStrategy()
                .withTemplate(template(name, image, claim)).endSpec().build();
    }

    private static StatefulSet statefulSet(String ns, String name, String image) {
        return new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(1).withServiceName(name)
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withTemplate(template(name, image, null))
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage",
                        new io.fabric8.kubernetes.api.model.Quantity("1Gi")).endResources().endSpec()
                .endVolumeClaimTemplate().endSpec().build();
    }

    private static void setImage(String ns, String name, String image) {
        k8s.apps().deployments().inNamespace(ns).withName(name).patch(PatchContext.of(PatchType.JSON), imagePatch(image));
    }

    private static void setStatefulSetImage(String ns, String image) {
        k8s.apps().statefulSets().inNamespace(ns).withName("db").patch(PatchContext.of(PatchType.JSON), imagePatch(image));
    }

    /**
     * A JSON Patch of the first container's image, without the resourceVersion an edit sends: the stand-in
     * writes the workload's status at any moment, and an edit would then be refused with a conflict.
     */
    private static String imagePatch(String image) {
        return "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"" + image + "\"}]";
    }

    private static List<Pod> pods(String ns, String app) {
        return k8s.pods().inNamespace(ns).withLabel("app", app).list().getItems();
    }

    private static List<Pod> readyPods(String ns, String app) {
        return pods(ns, app).stream().filter(PodsOf::ready).toList();
    }
}
