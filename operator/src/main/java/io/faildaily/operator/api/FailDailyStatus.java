package io.faildaily.operator.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

/** What the operator observed, following the Kubernetes API conventions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FailDailyStatus {
    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Pending, Provisioning, Ready, Degraded or Invalid.")
    private Phase phase;

    @JsonPropertyDescription("Ready parts out of the parts run in the cluster, e.g. 3/3.")
    private String ready;

    @JsonPropertyDescription("Where to reach the application.")
    private String url;

    @JsonPropertyDescription("DatabaseReady, BackendReady, FrontendReady, BackupScheduled and Ready, with reasons.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public String getReady() {
        return ready;
    }

    public void setReady(String ready) {
        this.ready = ready;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = Objects.requireNonNullElseGet(conditions, ArrayList::new);
    }

    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FailDailyStatus other)) {
            return false;
        }
        return Objects.equals(observedGeneration, other.observedGeneration) && phase == other.phase
                && Objects.equals(ready, other.ready) && Objects.equals(url, other.url)
                && Objects.equals(conditions, other.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, phase, ready, url, conditions);
    }
}
