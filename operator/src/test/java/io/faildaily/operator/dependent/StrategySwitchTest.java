package io.faildaily.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.model.BackendModel;
import io.faildaily.operator.testing.ApiServerEmulation;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/**
 * An existing Deployment moving to Recreate: what the API server stored for a RollingUpdate Deployment
 * (the defaulted rollingUpdate, owned by no field manager) must go in the same write as the new type.
 */
class StrategySwitchTest {
    private final ApiServerEmulation server = new ApiServerEmulation();
    private final Deployment desired = BackendModel.deployment(FailDailies.of("shop", "fd"));

    @Test
    void aRollingDeploymentIsPatchedToRecreateWithoutItsRollingUpdateDefaults() {
        Deployment rolling = server.afterUpdate(new DeploymentBuilder(desired).editSpec().withNewStrategy()
                .withType("RollingUpdate").endStrategy().endSpec().build());
        assertThat(rolling.getSpec().getStrategy().getRollingUpdate()).as("the server's defaults").isNotNull();
        assertThat(desired.getSpec().getStrategy().getType()).isEqualTo("Recreate");

        String patch = StrategySwitch.before(rolling, desired).orElseThrow();
        JsonNode strategy = Serialization.unmarshal(patch, JsonNode.class).path("spec").path("strategy");
        assertThat(strategy.path("type").asText()).isEqualTo("Recreate");
        assertThat(strategy.has("rollingUpdate")).isTrue();
        assertThat(strategy.get("rollingUpdate").isNull()).as("a merge patch's null removes the field").isTrue();
    }

    @Test
    void nothingToPatchOnceItRecreatesOrWhenItStaysRolling() {
        Deployment recreating = server.afterUpdate(desired);
        assertThat(recreating.getSpec().getStrategy().getRollingUpdate()).isNull();
        assertThat(StrategySwitch.before(recreating, desired)).isEmpty();

        Deployment rolling = server.afterUpdate(new DeploymentBuilder(desired).editSpec().withNewStrategy()
                .withType("RollingUpdate").endStrategy().endSpec().build());
        assertThat(StrategySwitch.before(rolling, rolling)).isEmpty();
        assertThat(StrategySwitch.before(new Deployment(), new Deployment())).isEmpty();
    }
}
