package io.faildaily.operator.delivery;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every authenticated client may do on any cluster, whatever a chart grants: the rules of the
 * ClusterRoles that kube-apiserver's bootstrap policy binds to the group system:authenticated
 * (system:basic-user, system:discovery, system:public-info-viewer; plugin/pkg/auth/authorizer/rbac/
 * bootstrappolicy/policy.go). JOSDK's SelfSubjectRulesReview before leader election relies on them.
 */
final class AuthenticatedDefaults {
    private AuthenticatedDefaults() {}

    private static final String RULES = """
            # system:basic-user
            - apiGroups: [authorization.k8s.io]
              resources: [selfsubjectaccessreviews, selfsubjectrulesreviews]
              verbs: [create]
            - apiGroups: [authentication.k8s.io]
              resources: [selfsubjectreviews]
              verbs: [create]
            # system:discovery and system:public-info-viewer
            - nonResourceURLs: [/api, /api/*, /apis, /apis/*, /healthz, /livez, /readyz, /version, /version/,
                                /openapi, /openapi/*]
              verbs: [get]
            """;

    static List<JsonNode> rules() {
        List<JsonNode> rules = new java.util.ArrayList<>();
        Repo.yamlOf(RULES).forEach(rules::add);
        return rules;
    }
}
