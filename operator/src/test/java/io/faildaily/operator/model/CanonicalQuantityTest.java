package io.faildaily.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The canonical forms kube-apiserver stores, from k8s.io/apimachinery's own quantity tests
 * (TestQuantityCanonicalize and friends) and the forms the issue on real API servers names.
 */
class CanonicalQuantityTest {
    @ParameterizedTest(name = "{0} is stored as {1}")
    @CsvSource({
            "1.5Gi, 1536Mi", "0.5, 500m", "1024Mi, 1Gi", "2048Mi, 2Gi", "512Mi, 512Mi", "1Gi, 1Gi",
            "1000m, 1", "1500m, 1500m", "250m, 250m", "0.1, 100m", "1k, 1k", "1000, 1k", "1000k, 1M",
            "100M, 100M", "1e3, 1e3", "1E3, 1e3", "1000e3, 1e6", "0, 0", "0Gi, 0", "10Gi, 10Gi",
            "1Ki, 1Ki", "1023Ki, 1023Ki", "1024Ki, 1Mi", "0.5Gi, 512Mi", "0.5Ki, 512", "1.5Ki, 1536",
            "0.1Gi, 107374182400m", "1.5, 1500m", "5Gi, 5Gi", "20Gi, 20Gi", "1E, 1E", "2.5M, 2500k",
            "0.000000001, 1n", "0.0000000001, 1n", "12345678901234567890, 12345678901234567890"})
    void canonicalFormIsWhatTheServerStores(String written, String stored) {
        assertThat(CanonicalQuantity.of(written)).isEqualTo(stored);
    }
}
