package io.faildaily.operator.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.faildaily.operator.testing.EveryObject;
import io.faildaily.operator.testing.PodTemplates;
import org.junit.jupiter.api.Test;

/**
 * Who can reach whom, computed from the NetworkPolicies the operator renders for two FailDaily instances
 * in one namespace, evaluated with the NetworkPolicy semantics of the Kubernetes API (a pod selected by
 * no ingress policy accepts everything; a selected pod accepts what some rule of a selecting policy
 * allows; peers by podSelector are pods of the policy's namespace; an empty "from" is everyone).
 */
class NetworkReachabilityTest {
    private static final String NS = "shop";

    /** A source of traffic: a pod with labels, or the world outside the cluster (labels null). */
    record Source(String name, Map<String, String> labels) {
    }

    /** A destination: a pod of the instance and the port its container listens on. */
    record Target(String name, Map<String, String> labels, int port) {
    }

    private final List<HasMetadata> a = EveryObject.of(NS, "a");
    private final List<HasMetadata> b = EveryObject.of(NS, "b");
    private final List<NetworkPolicy> policies = new ArrayList<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Map<String, Target> targets = new LinkedHashMap<>();

    NetworkReachabilityTest() {
        for (List<HasMetadata> instance : List.of(a, b)) {
            instance.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast).forEach(policies::add);
        }
        sources.put("outside", new Source("outside", null));
        for (String instance : List.of("a", "b")) {
            Map<String, PodTemplateSpec> pods = PodTemplates.of(instance.equals("a") ? a : b);
            sources.put(instance + "-frontend", new Source(instance + "-frontend", labels(pods, "Deployment/" + instance + "-frontend")));
            sources.put(instance + "-backend", new Source(instance + "-backend", labels(pods, "Deployment/" + instance + "-backend")));
            sources.put(instance + "-database", new Source(instance + "-database", labels(pods, "StatefulSet/" + instance + "-database")));
            sources.put(instance + "-backup-job", new Source(instance + "-backup-job", labels(pods, "CronJob/" + instance + "-backup")));
            sources.put(instance + "-restore-job", new Source(instance + "-restore-job", pods.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("Job/" + instance + "-restore-")).findFirst().orElseThrow()
                    .getValue().getMetadata().getLabels()));
        }
        sources.put("unrelated", new Source("unrelated", Map.of("app", "something-else")));
        Map<String, PodTemplateSpec> podsOfA = PodTemplates.of(a);
        targets.put("frontend", new Target("frontend", labels(podsOfA, "Deployment/a-frontend"), 8080));
        targets.put("backend", new Target("backend", labels(podsOfA, "Deployment/a-backend"), 3000));
        targets.put("database", new Target("database", labels(podsOfA, "StatefulSet/a-database"), 3306));
    }

    @Test
    void theReachabilityMatrixOfInstanceA() {
        // Rows: sources. Columns: a's frontend:8080, backend:3000, database:3306.
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("outside",         "frontend");
        expected.put("a-frontend",      "frontend backend");
        expected.put("a-backend",       "frontend database");
        expected.put("a-database",      "frontend");
        expected.put("a-backup-job",    "frontend database");
        expected.put("a-restore-job",   "frontend database");
        expected.put("b-frontend",      "frontend");
        expected.put("b-backend",       "frontend");
        expected.put("b-database",      "frontend");
        expected.put("b-backup-job",    "frontend");
        expected.put("b-restore-job",   "frontend");
        expected.put("unrelated",       "frontend");
        Map<String, String> actual = new LinkedHashMap<>();
        for (Source source : sources.values()) {
            List<String> reachable = new ArrayList<>();
            for (Target target : targets.values()) {
                if (allowed(source, target, target.port())) {
                    reachable.add(target.name());
                }
            }
            actual.put(source.name(), String.join(" ", reachable));
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void onlyTheServingPortIsOpen() {
        Target backend = targets.get("backend");
        assertThat(allowed(sources.get("a-frontend"), backend, 3000)).isTrue();
        assertThat(allowed(sources.get("a-frontend"), backend, 22)).isFalse();
        assertThat(allowed(sources.get("outside"), targets.get("frontend"), 9090)).isFalse();
    }

    @Test
    void withoutPoliciesEverythingIsOpenWhichIsWhyTheyAreOnByDefault() {
        policies.clear();
        assertThat(allowed(sources.get("outside"), targets.get("database"), 3306)).isTrue();
    }

    private boolean allowed(Source source, Target target, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> matches(p.getSpec().getPodSelector(), target.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (NetworkPolicy policy : selecting) {
            for (NetworkPolicyIngressRule rule : nullSafe(policy.getSpec().getIngress())) {
                if (portAllowed(rule.getPorts(), port) && fromAllowed(rule.getFrom(), source)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean portAllowed(List<NetworkPolicyPort> ports, int port) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() == null
                || (p.getPort().getIntVal() != null && p.getPort().getIntVal() == port));
    }

    private static boolean fromAllowed(List<NetworkPolicyPeer> peers, Source source) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null || peer.getNamespaceSelector() != null) {
                throw new IllegalStateException("the evaluator knows podSelector peers only: extend it with the policy");
            }
            if (peer.getPodSelector() != null && source.labels() != null && matches(peer.getPodSelector(), source.labels())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new IllegalStateException("the evaluator knows matchLabels only: extend it with the policy");
        }
        Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static Map<String, String> labels(Map<String, PodTemplateSpec> pods, String key) {
        PodTemplateSpec pod = pods.get(key);
        if (pod == null) {
            throw new IllegalStateException("no pod template " + key + " in " + pods.keySet());
        }
        return pod.getMetadata().getLabels();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
