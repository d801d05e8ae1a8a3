package io.faildaily.operator.testing;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.FailDaily;

/**
 * Stands in for the cluster's garbage collector, which the mock API server lacks: deletes every object
 * whose owner references name a FailDaily that no longer exists. Run it where a cluster would have
 * collected.
 */
public final class GarbageCollector {
    private final KubernetesClient client;

    public GarbageCollector(KubernetesClient fixtureClient) {
        this.client = fixtureClient;
    }

    /** One collection pass; returns how many objects it deleted. */
    public int collect() {
        Set<String> liveOwners = client.resources(FailDaily.class).inAnyNamespace().list().getItems().stream()
                .map(fd -> fd.getMetadata().getUid()).collect(Collectors.toSet());
        int deleted = 0;
        for (List<? extends HasMetadata> objects : List.of(
                client.configMaps().inAnyNamespace().list().getItems(),
                client.secrets().inAnyNamespace().list().getItems(),
                client.services().inAnyNamespace().list().getItems(),
                client.persistentVolumeClaims().inAnyNamespace().list().getItems(),
                client.apps().statefulSets().inAnyNamespace().list().getItems(),
                client.apps().deployments().inAnyNamespace().list().getItems(),
                client.network().v1().ingresses().inAnyNamespace().list().getItems(),
                client.network().v1().networkPolicies().inAnyNamespace().list().getItems(),
                client.batch().v1().cronjobs().inAnyNamespace().list().getItems(),
                client.batch().v1().jobs().inAnyNamespace().list().getItems())) {
            for (HasMetadata object : objects) {
                List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
                boolean orphaned = owners != null && !owners.isEmpty()
                        && owners.stream().noneMatch(o -> liveOwners.contains(o.getUid()));
                if (orphaned) {
                    client.resource(object).delete();
                    deleted++;
                }
            }
        }
        return deleted;
    }
}
