package io.faildaily.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One FailDaily installation: database, backend API and web frontend, as one object. */
@Group(FailDaily.GROUP)
@Version(FailDaily.VERSION)
@Kind("FailDaily")
@Plural("faildailies")
@Singular("faildaily")
@ShortNames("fd")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.ready", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
// A root rule: the only place a CRD's schema can see metadata.name, so the API server refuses a bad name
// at once instead of the operator marking the object Invalid after it was stored.
@ValidationRule(value = InstanceName.CEL_RULE, message = InstanceName.CEL_MESSAGE)
public class FailDaily extends CustomResource<FailDailySpec, FailDailyStatus> implements Namespaced {
    public static final String GROUP = "faildaily.io";
    public static final String VERSION = "v1alpha1";

    /** Wrong types in a stored spec make it Invalid instead of unreadable: see LenientSpecDeserializer. */
    @Override
    @JsonDeserialize(using = LenientSpecDeserializer.class)
    public void setSpec(FailDailySpec spec) {
        super.setSpec(spec);
    }

    /**
     * An empty spec is not written at all: JOSDK adds its finalizer with a forced server-side apply of a
     * new FailDaily, and any spec in that body would be applied over the user's.
     */
    @Override
    @JsonSerialize(using = SpecSerializer.class)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public FailDailySpec getSpec() {
        return super.getSpec();
    }

    @Override
    protected FailDailySpec initSpec() {
        return new FailDailySpec();
    }

    /**
     * No status until the operator writes one: an object read from the API server without a status must
     * not grow an empty one, or the status patch computed against it would not apply.
     */
    @Override
    protected FailDailyStatus initStatus() {
        return null;
    }
}
