package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.reconciler.FailDailyReconciler;
import io.faildaily.operator.runtime.OperatorSettings;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.MockApiDispatcher;
import io.faildaily.operator.testing.OperatorOnMock;
import io.faildaily.operator.testing.RequestInfo;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked against the code and against the requests the operator makes.
 *
 * <p>From the code: the chart's rules must grant exactly what the operator does — the child kinds of
 * every dependent in FailDailyReconciler's workflow, its own FailDaily objects, Events — and nothing more.
 * A new dependent without a rule, or a rule nothing uses, fails here.
 *
 * <p>From the requests: the operator runs on the mock API server through a whole life ({@link OperatorLife})
 * with leader election on, every request it sends is recorded ({@link MockApiDispatcher#operatorRequests()},
 * the fixtures' own excluded), and each must be allowed by the rules the chart renders for that setup. That
 * is how the Lease renewal, a PATCH that the code-derived list above cannot see, is caught.
 *
 * <p>What the stand-in does not do, and why that is covered:
 * <ul>
 *   <li>The mock authorises nothing: it answers every request. Authorisation is therefore decided here,
 *       by {@link ChartAuthorizer} and {@link RbacRule}, a model of kube-apiserver's RBAC authorizer
 *       (bindings to the chart's ServiceAccount, role rules, resourceNames, plus the defaults every
 *       authenticated client holds).</li>
 *   <li>The translation of "METHOD path?query" into verb, group, resource, subresource, namespace and name
 *       is our model of the API server's request-info resolver ({@link RequestInfo}); RequestInfoTest pins
 *       it to the resolver's rules (GET on a collection is list, watch=true is watch, DELETE on a collection
 *       is deletecollection, namespaces and subresources), so a request cannot slip through as the wrong
 *       verb.</li>
 *   <li>The mock cannot do server-side apply, the production default, under which children and status are
 *       written by PATCH rather than PUT: the code-derived grants above require patch for every child kind,
 *       FailDaily and its status, so both modes are allowed.</li>
 *   <li>JOSDK asks a SelfSubjectRulesReview before it elects a leader and refuses to start unless the
 *       Lease verbs it expects (create, get, update) are granted; the mock answers it here with the
 *       chart's own rules, so that check runs against the chart too.</li>
 * </ul>
 */
class RbacRulesTest {
    /** What a JOSDK dependent does to its kind: informer (get, list, watch), create, SSA/update, delete. */
    private static final List<String> CHILD_VERBS =
            List.of("get", "list", "watch", "create", "update", "patch", "delete");

    /** One permission: "group/resource:verb", with "core" for the core group. */
    private static String grant(String group, String resource, String verb) {
        return (group.isEmpty() ? "core" : group) + "/" + resource + ":" + verb;
    }

    /** The kinds the workflow manages, from the @Workflow annotation (gates that manage nothing skipped). */
    static List<Class<? extends HasMetadata>> dependentKinds() throws Exception {
        Workflow workflow = FailDailyReconciler.class.getAnnotation(Workflow.class);
        assertThat(workflow).as("FailDailyReconciler declares its dependents with @Workflow").isNotNull();
        List<Class<? extends HasMetadata>> kinds = new ArrayList<>();
        for (Dependent dependent : workflow.dependents()) {
            DependentResource<?, ?> instance = dependent.type().getDeclaredConstructor().newInstance();
            Class<?> type = instance.resourceType();
            if (HasMetadata.class.isAssignableFrom(type)) {
                kinds.add(type.asSubclass(HasMetadata.class));
            }
        }
        return kinds;
    }

    /** Every permission the operator needs in a namespace it watches. */
    static Set<String> expectedGrants() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (Class<? extends HasMetadata> kind : dependentKinds()) {
            for (String verb : CHILD_VERBS) {
                expected.add(grant(HasMetadata.getGroup(kind), HasMetadata.getPlural(kind), verb));
            }
        }
        String group = HasMetadata.getGroup(FailDaily.class);
        String plural = HasMetadata.getPlural(FailDaily.class);
        for (String verb : List.of("get", "list", "watch", "patch", "update")) {
            expected.add(grant(group, plural, verb));
        }
        for (String verb : List.of("get", "patch", "update")) {
            expected.add(grant(group, plural + "/status", verb));
        }
        for (String verb : List.of("update", "patch")) {
            expected.add(grant(group, plural + "/finalizers", verb));
        }
        // FailDailyReconciler.prepareEventSources: informers besides the dependents', read only.
        for (Class<? extends HasMetadata> kind : FailDailyReconciler.WATCHED_KINDS) {
            for (String verb : List.of("get", "list", "watch")) {
                expected.add(grant(HasMetadata.getGroup(kind), HasMetadata.getPlural(kind), verb));
            }
        }
        // ForcedRollback: a database pod stuck on a revision the spec no longer asks for is deleted by name.
        for (Class<? extends HasMetadata> kind : FailDailyReconciler.DELETED_KINDS) {
            expected.add(grant(HasMetadata.getGroup(kind), HasMetadata.getPlural(kind), "delete"));
        }
        // EventRecorder: Events on phase changes. PodEvents: the Events of a pod stuck creating its containers.
        expected.add(grant("", "events", "create"));
        expected.add(grant("", "events", "patch"));
        expected.add(grant("", "events", "list"));
        // FailDailyReconciler.cleanup with deletionPolicy Delete: client.persistentVolumeClaims()
        // .withLabels(...).delete() is a DELETE on the collection.
        expected.add(grant(HasMetadata.getGroup(PersistentVolumeClaim.class),
                HasMetadata.getPlural(PersistentVolumeClaim.class), "deletecollection"));
        return expected;
    }

    static Set<String> grantsOf(JsonNode role) {
        Set<String> grants = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            assertThat(rule.has("nonResourceURLs")).as("no non-resource URLs: %s", rule).isFalse();
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    for (JsonNode verb : rule.path("verbs")) {
                        grants.add(grant(group.asText(), resource.asText(), verb.asText()));
                    }
                }
            }
        }
        return grants;
    }

    static void assertNoWildcard(Chart chart) {
        for (JsonNode object : chart.objects()) {
            String kind = object.path("kind").asText();
            if (kind.equals("Role") || kind.equals("ClusterRole")) {
                for (JsonNode rule : object.path("rules")) {
                    for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames")) {
                        for (JsonNode value : rule.path(field)) {
                            assertThat(value.asText()).as("%s %s: %s", kind, field, rule).doesNotContain("*");
                        }
                    }
                }
            }
        }
    }

    @Test
    void theWorkflowIsReadFromTheCode() throws Exception {
        List<String> kinds = dependentKinds().stream().map(Class::getSimpleName).distinct().toList();
        assertThat(kinds).contains("Secret", "ConfigMap", "Service", "PersistentVolumeClaim", "StatefulSet",
                "Deployment", "NetworkPolicy", "Ingress");
        assertThat(expectedGrants()).contains("apps/statefulsets:watch", "core/secrets:create",
                "networking.k8s.io/networkpolicies:delete", "faildaily.io/faildailies/status:patch");
    }

    @Test
    void clusterRoleGrantsExactlyWhatTheOperatorUses() throws Exception {
        Chart chart = Chart.render("");
        assertThat(grantsOf(chart.one("ClusterRole"))).containsExactlyElementsOf(expectedGrants());
        assertNoWildcard(chart);
    }

    @Test
    void eachWatchedNamespaceGetsARoleWithExactlyWhatTheOperatorUses() throws Exception {
        Chart chart = Chart.render("watchNamespaces: [shop, blog]\nreplicas: 2\n");
        List<JsonNode> watched = chart.ofKind("Role").stream()
                .filter(r -> !r.path("metadata").path("name").asText().endsWith("-leader-election")).toList();
        assertThat(watched).extracting(r -> r.path("metadata").path("namespace").asText())
                .containsExactlyInAnyOrder("shop", "blog");
        for (JsonNode role : watched) {
            assertThat(grantsOf(role)).as("Role in %s", role.path("metadata").path("namespace").asText())
                    .containsExactlyElementsOf(expectedGrants());
        }
        assertNoWildcard(chart);
    }

    @Test
    void leaderElectionMayOnlyUseTheOperatorsLease() {
        Chart chart = Chart.render("replicas: 2\n");
        JsonNode role = chart.named("Role", Chart.RELEASE + "-leader-election").orElseThrow();
        assertThat(role.path("metadata").path("namespace").asText()).isEqualTo(Chart.NAMESPACE);
        // fabric8 7.5.2's LeaseLock: GET, POST when missing, renewal and takeover by JSON merge PATCH. No PUT,
        // but JOSDK's check before leader election demands update ("missing required verbs: [update]"); the
        // life tests below answer that check with the chart's rules, so they fail without it.
        assertThat(grantsOf(role)).containsExactlyInAnyOrder("coordination.k8s.io/leases:create",
                "coordination.k8s.io/leases:get", "coordination.k8s.io/leases:patch",
                "coordination.k8s.io/leases:update");
        for (JsonNode rule : role.path("rules")) {
            Set<String> verbs = new TreeSet<>();
            rule.path("verbs").forEach(v -> verbs.add(v.asText()));
            if (!verbs.equals(Set.of("create"))) {
                assertThat(rule.path("resourceNames").toString())
                        .isEqualTo("[\"" + OperatorSettings.LEASE_NAME + "\"]");
            }
        }
        assertNoWildcard(chart);
        assertThat(Chart.render("").named("Role", Chart.RELEASE + "-leader-election")).isEmpty();
    }

    @Test
    void everyRequestOfAClusterWideOperatorIsAllowedByTheClusterRole() {
        assertEveryRequestOfALifeIsAllowed("leaderElection: {enabled: true}\n", Set.of(), "shop");
    }

    @Test
    void everyRequestOfAnOperatorWatchingOneNamespaceIsAllowedByTheRoles() {
        assertEveryRequestOfALifeIsAllowed("watchNamespaces: [shop]\nleaderElection: {enabled: true}\n",
                Set.of("shop"), "shop");
    }

    /**
     * Runs the operator as the chart configures it for {@code values} (the namespaces it watches, its Lease
     * in the release namespace) through a FailDaily's life, until it has renewed its Lease too, and checks
     * each distinct request it made against the chart's rules.
     */
    private static void assertEveryRequestOfALifeIsAllowed(String values, Set<String> watched, String namespace) {
        ChartAuthorizer authorizer = ChartAuthorizer.of(Chart.render(values));
        OperatorSettings settings = new OperatorSettings(watched, false, Chart.NAMESPACE, 4);
        Set<RequestInfo> requests;
        try (OperatorOnMock mock = OperatorOnMock.start(settings, cluster -> {
            cluster.createNamespace(Chart.NAMESPACE);
            cluster.createNamespace(namespace);
            cluster.dispatcher().answerRulesReviewWith(resourceRules(authorizer.rulesIn(Chart.NAMESPACE)));
        })) {
            new OperatorLife(mock, namespace).live();
            Await.until("the leader renewed its Lease", () -> mock.cluster().dispatcher().operatorRequests().stream()
                    .anyMatch(r -> r.verb().equals("patch") && r.resource().equals("leases")));
            requests = mock.cluster().dispatcher().operatorRequests();
        }
        assertThat(requests).as("the life made the requests it is meant to exercise").anyMatch(r ->
                        r.verb().equals("deletecollection") && r.resource().equals("persistentvolumeclaims"))
                .anyMatch(r -> r.verb().equals("delete") && r.resource().equals("secrets"))
                .anyMatch(r -> r.verb().equals("create") && r.resource().equals("jobs"))
                .anyMatch(r -> r.verb().equals("watch") && r.resource().equals("pods"))
                .anyMatch(r -> r.verb().equals("list") && r.resource().equals("events"))
                .anyMatch(r -> r.subresource().equals("status") && r.resource().equals("faildailies"))
                .anyMatch(r -> r.verb().equals("create") && r.resource().equals("leases"));
        List<String> denied = requests.stream().filter(r -> !authorizer.allows(r)).map(RequestInfo::toString)
                .sorted().toList();
        assertThat(denied).as("requests the chart's RBAC rules (%s) would refuse", values.strip().replace("\n", ", "))
                .isEmpty();
    }

    /** Rules as SelfSubjectRulesReview lists resource rules: without the non-resource ones. */
    private static String resourceRules(List<JsonNode> rules) {
        return rules.stream().filter(rule -> !rule.has("nonResourceURLs")).map(JsonNode::toString)
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
