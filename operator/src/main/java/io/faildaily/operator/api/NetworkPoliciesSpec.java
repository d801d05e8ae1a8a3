package io.faildaily.operator.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The seed's network isolation: only the frontend is reachable from outside the instance. */
@SpecData
public class NetworkPoliciesSpec {
    @JsonPropertyDescription("Render NetworkPolicies. Default true.")
    private Boolean enabled;

    public Boolean getEnabled() {
        return Objects.requireNonNullElse(enabled, Boolean.TRUE);
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }
}
