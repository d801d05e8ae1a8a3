package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.faildaily.operator.testing.RequestInfo;
import org.junit.jupiter.api.Test;

/**
 * Our model of kube-apiserver's request-info resolver, pinned to its rules (k8s.io/apiserver
 * pkg/endpoints/request/requestinfo.go), so that RbacRulesTest checks each request under the verb a real
 * API server would authorise it as.
 */
class RequestInfoTest {
    private static String read(String method, String target) {
        return RequestInfo.of(method, target).toString();
    }

    @Test
    void getOnANamedObjectIsGetAndOnACollectionListOrWatch() {
        assertThat(read("GET", "/api/v1/namespaces/shop/secrets/app-credentials"))
                .isEqualTo("get core/secrets app-credentials in shop");
        assertThat(read("GET", "/apis/apps/v1/namespaces/shop/deployments?labelSelector=a%3Db"))
                .isEqualTo("list apps/deployments in shop");
        assertThat(read("GET", "/apis/faildaily.io/v1alpha1/faildailies?allowWatchBookmarks=true&watch=true"))
                .isEqualTo("watch faildaily.io/faildailies");
        assertThat(read("GET", "/apis/faildaily.io/v1alpha1/faildailies?watch=false"))
                .isEqualTo("list faildaily.io/faildailies");
    }

    @Test
    void aFieldSelectorOnTheNameNamesTheObjectOfAListOrWatch() {
        assertThat(read("GET", "/apis/coordination.k8s.io/v1/namespaces/ops/leases?fieldSelector=metadata.name%3Dlease&watch=true"))
                .isEqualTo("watch coordination.k8s.io/leases lease in ops");
    }

    @Test
    void writesMapToCreateUpdatePatchDeleteAndDeleteCollection() {
        assertThat(read("POST", "/apis/coordination.k8s.io/v1/namespaces/ops/leases"))
                .isEqualTo("create coordination.k8s.io/leases in ops");
        assertThat(read("PUT", "/apis/batch/v1/namespaces/shop/cronjobs/app-backup"))
                .isEqualTo("update batch/cronjobs app-backup in shop");
        assertThat(read("PATCH", "/apis/coordination.k8s.io/v1/namespaces/ops/leases/lease"))
                .isEqualTo("patch coordination.k8s.io/leases lease in ops");
        assertThat(read("DELETE", "/api/v1/namespaces/shop/secrets/app-credentials"))
                .isEqualTo("delete core/secrets app-credentials in shop");
        assertThat(read("DELETE", "/api/v1/namespaces/shop/persistentvolumeclaims?labelSelector=x%3Dy"))
                .isEqualTo("deletecollection core/persistentvolumeclaims in shop");
    }

    @Test
    void subresourcesAndNamespacesThemselves() {
        assertThat(read("PATCH", "/apis/faildaily.io/v1alpha1/namespaces/shop/faildailies/app/status"))
                .isEqualTo("patch faildaily.io/faildailies/status app in shop");
        assertThat(read("GET", "/api/v1/namespaces/shop")).isEqualTo("get core/namespaces shop in shop");
        assertThat(read("PUT", "/api/v1/namespaces/shop/finalize"))
                .isEqualTo("update core/namespaces/finalize shop in shop");
        assertThat(read("GET", "/api/v1/watch/namespaces/shop/pods")).isEqualTo("watch core/pods in shop");
    }

    @Test
    void discoveryAndOtherPathsAreNonResourceRequests() {
        RequestInfo version = RequestInfo.of("GET", "/version");
        assertThat(version.resourceRequest()).isFalse();
        assertThat(version.toString()).isEqualTo("get /version");
        assertThat(RequestInfo.of("GET", "/apis/faildaily.io/v1alpha1").resourceRequest()).isFalse();
        assertThat(RequestInfo.of("GET", "/api").resourceRequest()).isFalse();
    }
}
