package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.ConditionTypes;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.model.BackendModel;
import io.faildaily.operator.model.Names;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.MockCluster;
import io.faildaily.operator.testing.OperatorOnMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The annotation faildaily.io/paused on the mock API server: while it is "true" a Deployment edited by hand
 * stays as edited, a spec change changes nothing, and the operator writes no child object (only its status);
 * removing it puts both back to what the spec asks for.
 */
class PauseTest {
    private static final String APP = "app";
    private static final java.util.Set<String> WRITE_VERBS = java.util.Set.of("create", "update", "patch", "delete",
            "deletecollection");
    private static final String HOTFIX_IMAGE = "registry.example/faildaily-backend:hotfix";
    private static OperatorOnMock mock;
    private static MockCluster cluster;
    private static KubernetesClient k8s;

    @BeforeAll
    static void start() {
        mock = OperatorOnMock.start();
        cluster = mock.cluster();
        k8s = mock.k8s();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void whilePausedHandEditsAndSpecChangesStayAndUnpausingCorrectsBoth() {
        String ns = mock.namespace("pause");
        mock.create(FailDailies.of(ns, APP));
        mock.awaitReady(ns, APP);
        String image = backend(ns).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        long generationBefore = mock.get(ns, APP).getStatus().getObservedGeneration();

        annotate(ns, "true");
        Await.until("the status says Paused", () -> paused(ns) != null);
        Condition paused = paused(ns);
        assertThat(paused.getStatus()).isEqualTo("True");
        assertThat(paused.getReason()).isEqualTo("PausedByAnnotation");
        assertThat(paused.getLastTransitionTime()).as("since when").isNotBlank();
        assertThat(mock.phase(ns, APP)).as("the phase as it was").isEqualTo(Phase.Ready);
        Await.sleep(1000);
        long writesBefore = childWrites(ns);

        k8s.apps().deployments().inNamespace(ns).withName(Names.of(APP, Part.BACKEND)).edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(HOTFIX_IMAGE);
            return d;
        });
        double reconciliationsBefore = reconciliations();
        mock.editSpec(ns, APP, spec -> spec.getFrontend().setReplicas(3));
        Await.until("the spec change was reconciled", () -> reconciliations() > reconciliationsBefore);
        Await.sleep(1500);

        assertThat(backendImage(ns)).as("the hand edit stays while paused").isEqualTo(HOTFIX_IMAGE);
        assertThat(frontend(ns).getSpec().getReplicas()).as("the spec change waits").isEqualTo(1);
        assertThat(childWrites(ns) - writesBefore).as("operator writes to child objects while paused: "
                + cluster.dispatcher().lastWrites()).isZero();
        FailDaily whilePaused = mock.get(ns, APP);
        assertThat(whilePaused.getStatus().getObservedGeneration()).as("the new generation is not acted on")
                .isEqualTo(generationBefore).isLessThan(whilePaused.getMetadata().getGeneration());
        assertThat(paused(ns).getLastTransitionTime()).as("since when, unchanged").isEqualTo(paused.getLastTransitionTime());

        annotate(ns, null);
        Await.until("the hand edit undone", () -> image.equals(backendImage(ns)));
        Await.until("the spec change applied", () -> frontend(ns).getSpec().getReplicas() == 3);
        mock.awaitReady(ns, APP);
        assertThat(paused(ns)).as("no Paused condition once resumed").isNull();
        assertThat(mock.events(ns)).extracting(Event::getReason).contains("Paused", "Resumed");
    }

    @Test
    void anyOtherValueIsNotPaused() {
        String ns = mock.namespace("notpaused");
        mock.create(FailDailies.of(ns, APP));
        mock.awaitReady(ns, APP);
        annotate(ns, "false");
        mock.editSpec(ns, APP, spec -> spec.getFrontend().setReplicas(2));
        Await.until("the spec change applied", () -> frontend(ns).getSpec().getReplicas() == 2);
        assertThat(paused(ns)).isNull();
    }

    private static void annotate(String ns, String value) {
        k8s.resources(FailDaily.class).inNamespace(ns).withName(APP).edit(fd -> {
            if (value == null) {
                fd.getMetadata().getAnnotations().remove(Pause.ANNOTATION);
            } else {
                fd.getMetadata().getAnnotations().put(Pause.ANNOTATION, value);
            }
            return fd;
        });
    }

    private static Condition paused(String ns) {
        return mock.get(ns, APP).getStatus().condition(ConditionTypes.PAUSED).orElse(null);
    }

    private static Deployment backend(String ns) {
        return k8s.apps().deployments().inNamespace(ns).withName(Names.of(APP, Part.BACKEND)).get();
    }

    private static String backendImage(String ns) {
        return backend(ns).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(BackendModel.CONTAINER)).findFirst().orElseThrow().getImage();
    }

    private static Deployment frontend(String ns) {
        return k8s.apps().deployments().inNamespace(ns).withName(Names.of(APP, Part.FRONTEND)).get();
    }

    /**
     * The operator's creates, updates, patches and deletes in {@code ns} of anything but the FailDaily's status
     * (which reports the generation it saw, paused) and Events.
     */
    private static long childWrites(String ns) {
        return cluster.dispatcher().operatorRequests(r -> r.namespace().equals(ns)
                && WRITE_VERBS.contains(r.verb()) && !r.resource().equals("events")
                && !r.resourceWithSubresource().equals("faildailies/status"));
    }

    private static double reconciliations() {
        return mock.reconciliations();
    }
}
