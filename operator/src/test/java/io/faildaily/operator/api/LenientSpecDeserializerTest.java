package io.faildaily.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** A stored spec with wrong types still gives a FailDaily object, marked unreadable, never an exception. */
class LenientSpecDeserializerTest {
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    private FailDaily read(String spec) {
        return serialization.unmarshal("{\"apiVersion\":\"faildaily.io/v1alpha1\",\"kind\":\"FailDaily\","
                + "\"metadata\":{\"name\":\"x\",\"namespace\":\"ns\"},\"spec\":" + spec + "}", FailDaily.class);
    }

    @Test
    void aValidSpecReadsAsUsual() {
        FailDaily fd = read("{\"backend\":{\"replicas\":3}}");
        assertThat(fd.getSpec().readProblem()).isNull();
        assertThat(fd.getSpec().getBackend().getReplicas()).isEqualTo(3);
    }

    @Test
    void wrongTypesMakeItUnreadableWithThePath() {
        FailDaily fd = read("{\"backend\":{\"replicas\":\"many\"}}");
        assertThat(fd.getSpec().readProblem()).startsWith("spec.backend.replicas: ");
        assertThat(read("{\"deletionPolicy\":\"Sometimes\"}").getSpec().readProblem()).startsWith("spec.deletionPolicy");
        assertThat(read("{\"database\":5}").getSpec().readProblem()).startsWith("spec.database");
        assertThat(read("[1,2]").getSpec().readProblem()).isEqualTo("spec must be an object, not array");
    }

    @Test
    void unknownFieldsArePrunedAsAnApiServerWould() {
        assertThat(read("{\"unknownField\":1}").getSpec().readProblem()).isNull();
    }

    @Test
    void aCopyThroughJsonStaysUnreadableAndKeepsWhatWasStored() {
        FailDaily fd = read("{\"backend\":{\"replicas\":\"many\"}}");
        String json = serialization.asJson(fd);
        assertThat(json).contains("\"replicas\":\"many\"");
        FailDaily copy = serialization.unmarshal(json, FailDaily.class);
        assertThat(copy.getSpec().readProblem()).isEqualTo(fd.getSpec().readProblem());
        assertThat(serialization.asJson(read("{\"backend\":{\"replicas\":2}}"))).contains("\"replicas\":2");
    }

    @Test
    void aMissingSpecIsTheEmptySpec() {
        assertThat(read("null").getSpec().readProblem()).isNull();
    }
}
