package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.faildaily.operator.testing.RequestInfo;
import org.junit.jupiter.api.Test;

/** The RBAC rule semantics RbacRulesTest decides by, on the cases that matter for the chart. */
class RbacRuleTest {
    private static RbacRule rule(String yaml) {
        return RbacRule.of(Repo.yamlOf(yaml));
    }

    @Test
    void resourceNamesAllowOnlyThoseNamesAndNeverACreate() {
        RbacRule lease = rule("{apiGroups: [coordination.k8s.io], resources: [leases], resourceNames: [mine],"
                + " verbs: [create, get, patch]}");
        assertThat(lease.allows(RequestInfo.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/ops/leases/mine"))).isTrue();
        assertThat(lease.allows(RequestInfo.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/ops/leases/other"))).isFalse();
        assertThat(lease.allows(RequestInfo.of("POST", "/apis/coordination.k8s.io/v1/namespaces/ops/leases"))).isFalse();
        assertThat(lease.allows(RequestInfo.of("PUT", "/apis/coordination.k8s.io/v1/namespaces/ops/leases/mine"))).isFalse();
    }

    @Test
    void aSubresourceNeedsItsOwnEntryAndTheGroupMustMatch() {
        RbacRule faildailies = rule("{apiGroups: [faildaily.io], resources: [faildailies], verbs: [patch]}");
        assertThat(faildailies.allows(RequestInfo.of("PATCH", "/apis/faildaily.io/v1alpha1/namespaces/a/faildailies/x"))).isTrue();
        assertThat(faildailies.allows(RequestInfo.of("PATCH", "/apis/faildaily.io/v1alpha1/namespaces/a/faildailies/x/status"))).isFalse();
        assertThat(faildailies.allows(RequestInfo.of("PATCH", "/apis/other.io/v1/namespaces/a/faildailies/x"))).isFalse();
    }

    @Test
    void nonResourceUrlsMatchExactlyOrByTrailingWildcard() {
        RbacRule discovery = rule("{nonResourceURLs: [/version, /apis/*], verbs: [get]}");
        assertThat(discovery.allows(RequestInfo.of("GET", "/version"))).isTrue();
        assertThat(discovery.allows(RequestInfo.of("GET", "/apis/faildaily.io/v1alpha1"))).isTrue();
        assertThat(discovery.allows(RequestInfo.of("GET", "/metrics"))).isFalse();
        assertThat(discovery.allows(RequestInfo.of("GET", "/api/v1/namespaces/a/pods"))).isFalse();
    }
}
