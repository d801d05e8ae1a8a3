package io.faildaily.operator.delivery;

import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.operator.testing.RequestInfo;

/**
 * One RBAC PolicyRule and whether it allows a request, as kube-apiserver's RBAC authorizer decides
 * ({@code RuleAllows} in k8s.io/kubernetes/pkg/apis/rbac/v1/evaluation_helpers.go): every listed field
 * must match, "*" matches anything, an empty resourceNames allows every name, and a rule with
 * resourceNames never allows a request without a name (create, list, watch of a collection).
 */
record RbacRule(List<String> apiGroups, List<String> resources, List<String> verbs, List<String> resourceNames,
                List<String> nonResourceURLs) {
    private static final String ALL = "*";

    static RbacRule of(JsonNode rule) {
        return new RbacRule(texts(rule, "apiGroups"), texts(rule, "resources"), texts(rule, "verbs"),
                texts(rule, "resourceNames"), texts(rule, "nonResourceURLs"));
    }

    boolean allows(RequestInfo request) {
        if (!matches(verbs, request.verb())) {
            return false;
        }
        if (!request.resourceRequest()) {
            return nonResourceURLs.stream().anyMatch(url -> url.equals(ALL) || url.equals(request.path())
                    || url.endsWith(ALL) && request.path().startsWith(url.substring(0, url.length() - 1)));
        }
        return matches(apiGroups, request.apiGroup())
                && resourceMatches(request)
                && (resourceNames.isEmpty() || resourceNames.contains(request.name()));
    }

    private boolean resourceMatches(RequestInfo request) {
        String combined = request.resourceWithSubresource();
        return resources.stream().anyMatch(r -> r.equals(ALL) || r.equals(combined)
                || !request.subresource().isEmpty() && r.equals(ALL + "/" + request.subresource()));
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed.contains(ALL) || allowed.contains(value);
    }

    private static List<String> texts(JsonNode rule, String field) {
        return StreamSupport.stream(rule.path(field).spliterator(), false).map(JsonNode::asText).toList();
    }
}
