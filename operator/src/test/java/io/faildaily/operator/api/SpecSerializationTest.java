package io.faildaily.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** What the operator would send of a FailDaily: exactly what the user wrote, never a default. */
class SpecSerializationTest {
    @Test
    void anEmptyFailDailyAsJosdkBuildsItSerialisesNoSpec() {
        JsonNode json = Serialization.jsonMapper().valueToTree(new FailDaily());
        assertThat(json.has("spec")).as("no spec in %s", json).isFalse();
        assertThat(json.has("status")).as("no status in %s", json).isFalse();
    }

    @Test
    void aSpecReadAndWrittenAgainIsWhatTheUserWrote() throws Exception {
        String yaml = Files.readString(Path.of("..", "examples", "faildaily-production.yaml"));
        JsonNode asWritten = Serialization.yamlMapper().readTree(yaml).path("spec");
        FailDaily read = Serialization.unmarshal(yaml, FailDaily.class);

        // The getters give the defaults the operator works with...
        assertThat(read.getSpec().getFrontend().getNginx().getWorkerProcesses()).isEqualTo("auto");
        assertThat(new FailDailySpec().getBackend().getReplicas()).isEqualTo(Defaults.REPLICAS);
        // ...and none of them is written.
        assertThat(Serialization.jsonMapper().valueToTree(read).path("spec")).isEqualTo(asWritten);
        assertThat(Serialization.asJson(new FailDailySpec())).isEqualTo("{}");
    }

    @Test
    void aPartlyWrittenSpecKeepsItsGapsWhenWrittenAgain() {
        FailDaily read = Serialization.unmarshal("""
                apiVersion: faildaily.io/v1alpha1
                kind: FailDaily
                metadata: {name: x}
                spec:
                  backend: {replicas: 3}
                """, FailDaily.class);
        assertThat(read.getSpec().getBackend().getImage()).isEqualTo(Defaults.BACKEND_IMAGE);
        assertThat(Serialization.asJson(read.getSpec())).isEqualTo("{\"backend\":{\"replicas\":3}}");
    }
}
