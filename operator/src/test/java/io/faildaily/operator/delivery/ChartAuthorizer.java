package io.faildaily.operator.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.operator.testing.RequestInfo;

/**
 * The RBAC authorizer of a cluster on which only the chart was installed, for the chart's ServiceAccount:
 * a ClusterRoleBinding grants its ClusterRole's rules everywhere, a RoleBinding grants its Role's (or a
 * ClusterRole's) rules in the binding's namespace only, and {@link AuthenticatedDefaults} apply to all.
 * Bindings to other subjects grant nothing, so a chart that renders a Role but binds it to nobody fails.
 */
final class ChartAuthorizer {
    private final List<JsonNode> everywhere = new ArrayList<>(AuthenticatedDefaults.rules());
    private final Map<String, List<JsonNode>> byNamespace = new HashMap<>();

    private ChartAuthorizer() {}

    /** The authorizer for the ServiceAccount the chart runs the operator as. */
    static ChartAuthorizer of(Chart chart) {
        JsonNode account = chart.one("ServiceAccount").path("metadata");
        String name = account.path("name").asText();
        String namespace = account.path("namespace").asText();
        ChartAuthorizer authorizer = new ChartAuthorizer();
        for (JsonNode binding : chart.ofKind("ClusterRoleBinding")) {
            if (binds(binding, name, namespace)) {
                authorizer.everywhere.addAll(rulesOf(chart, binding, ""));
            }
        }
        for (JsonNode binding : chart.ofKind("RoleBinding")) {
            if (binds(binding, name, namespace)) {
                String where = binding.path("metadata").path("namespace").asText();
                authorizer.byNamespace.computeIfAbsent(where, k -> new ArrayList<>())
                        .addAll(rulesOf(chart, binding, where));
            }
        }
        return authorizer;
    }

    boolean allows(RequestInfo request) {
        return rulesIn(request.namespace()).stream().map(RbacRule::of).anyMatch(rule -> rule.allows(request));
    }

    /** The rules in force in a namespace ("" for cluster-wide requests), as SelfSubjectRulesReview lists them. */
    List<JsonNode> rulesIn(String namespace) {
        List<JsonNode> rules = new ArrayList<>(everywhere);
        if (!namespace.isEmpty()) {
            rules.addAll(byNamespace.getOrDefault(namespace, List.of()));
        }
        return rules;
    }

    private static boolean binds(JsonNode binding, String account, String namespace) {
        for (JsonNode subject : binding.path("subjects")) {
            if (subject.path("kind").asText().equals("ServiceAccount") && subject.path("name").asText().equals(account)
                    && subject.path("namespace").asText().equals(namespace)) {
                return true;
            }
        }
        return false;
    }

    /** The rules of the role a binding refers to; a Role is looked up in the binding's namespace. */
    private static List<JsonNode> rulesOf(Chart chart, JsonNode binding, String namespace) {
        JsonNode ref = binding.path("roleRef");
        String kind = ref.path("kind").asText();
        JsonNode role = chart.ofKind(kind).stream()
                .filter(r -> r.path("metadata").path("name").asText().equals(ref.path("name").asText()))
                .filter(r -> kind.equals("ClusterRole") || r.path("metadata").path("namespace").asText().equals(namespace))
                .findFirst()
                .orElseThrow(() -> new AssertionError("binding " + binding.path("metadata") + " refers to a missing " + kind));
        List<JsonNode> rules = new ArrayList<>();
        role.path("rules").forEach(rules::add);
        return rules;
    }
}
