package io.faildaily.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/**
 * The mock API server answers a LIST of Events with a field selector on the involved object as
 * kube-apiserver does: that object's Events only (fabric8's CRUD mock alone answers none).
 */
class EventFieldSelectorTest {
    @Test
    void aListOfEventsNarrowedToOnePodHasThatPodsEventsOnly() {
        try (MockCluster cluster = new MockCluster()) {
            KubernetesClient k8s = cluster.fixtureClient();
            cluster.createNamespace("ns");
            event(k8s, "a.1", "Pod", "a");
            event(k8s, "a.2", "Pod", "a");
            event(k8s, "b.1", "Pod", "b");
            event(k8s, "a.3", "Deployment", "a");

            assertThat(k8s.v1().events().inNamespace("ns").withField("involvedObject.kind", "Pod")
                    .withField("involvedObject.name", "a").list().getItems())
                    .extracting(e -> e.getMetadata().getName()).containsExactlyInAnyOrder("a.1", "a.2");
            assertThat(k8s.v1().events().inNamespace("ns").withField("involvedObject.name", "a")
                    .withField("metadata.name", "a.3").list().getItems())
                    .as("with a metadata.name requirement, which the mock has itself")
                    .extracting(e -> e.getMetadata().getName()).containsExactly("a.3");
            assertThat(k8s.v1().events().inNamespace("ns").list().getItems()).as("no selector: every Event").hasSize(4);
        }
    }

    private static void event(KubernetesClient k8s, String name, String kind, String object) {
        Event event = new EventBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(object).withNamespace("ns").endInvolvedObject()
                .withReason("FailedAttachVolume").withMessage("about " + object).build();
        k8s.v1().events().inNamespace("ns").resource(event).create();
    }
}
