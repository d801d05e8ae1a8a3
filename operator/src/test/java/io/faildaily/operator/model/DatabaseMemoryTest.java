package io.faildaily.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.faildaily.operator.api.DatabaseSpec;
import org.junit.jupiter.api.Test;

/** Which memory the database must stay under: its limit, else its request, else the default limit. */
class DatabaseMemoryTest {
    @Test
    void theLimitWhenThereIsOne() {
        DatabaseSpec db = new DatabaseSpec();
        db.setResources(new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("1Gi"))
                .addToLimits("memory", new Quantity("1536Mi")).build());
        assertThat(DatabaseMemory.bound(db)).isEqualTo(new DatabaseMemory.Bound(1536 * MysqlSize.MIB, "1536Mi",
                "spec.database.resources.limits.memory"));
    }

    @Test
    void theRequestWithoutALimitAndTheDefaultLimitWithNeither() {
        DatabaseSpec requestOnly = new DatabaseSpec();
        requestOnly.setResources(new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("2G")).build());
        assertThat(DatabaseMemory.bound(requestOnly).bytes()).isEqualTo(2_000_000_000L);
        assertThat(DatabaseMemory.bound(requestOnly).source()).startsWith("spec.database.resources.requests.memory");

        DatabaseSpec cpuOnly = new DatabaseSpec();
        cpuOnly.setResources(new ResourceRequirementsBuilder().addToLimits("cpu", new Quantity("1")).build());
        assertThat(DatabaseMemory.bound(cpuOnly).bytes()).isEqualTo(MysqlSize.GIB);
        assertThat(DatabaseMemory.bound(new DatabaseSpec()))
                .isEqualTo(new DatabaseMemory.Bound(MysqlSize.GIB, "1Gi", "the default memory limit"));
    }

    @Test
    void aQuantityThatIsNoneIsRefusedOnItsField() {
        DatabaseSpec db = new DatabaseSpec();
        db.setResources(new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("lots")).build());
        assertThat(DatabaseMemory.refusal(db)).hasValue(new DatabaseMemory.Refusal(
                "spec.database.resources.requests.memory", "must be a Kubernetes quantity such as 1Gi"));
        assertThat(DatabaseMemory.refusal(new DatabaseSpec())).isEmpty();
    }
}
