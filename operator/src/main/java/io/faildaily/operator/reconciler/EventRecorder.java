package io.faildaily.operator.reconciler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.faildaily.operator.api.FailDaily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes core/v1 Events about a FailDaily, as kubectl describe shows them. */
public class EventRecorder {
    public enum Type { Normal, Warning }

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    static final String COMPONENT = "faildaily-operator";

    private final KubernetesClient client;

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    /** Best effort: a lost Event must never fail a reconciliation. */
    public void record(FailDaily fd, Type type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String namespace = fd.getMetadata().getNamespace();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata()
                    .withName(fd.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8)
                            .toLowerCase(Locale.ROOT))
                    .withNamespace(namespace)
                    .endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(fd.getApiVersion()).withKind(fd.getKind())
                            .withName(fd.getMetadata().getName()).withNamespace(namespace)
                            .withUid(fd.getMetadata().getUid())
                            .withResourceVersion(fd.getMetadata().getResourceVersion()).build())
                    .withType(type.name())
                    .withReason(reason)
                    .withMessage(message)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT)
                    .withFirstTimestamp(now)
                    .withLastTimestamp(now)
                    .withCount(1)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} for {}/{}: {}", reason, namespace, fd.getMetadata().getName(),
                    e.getMessage());
        }
    }
}
