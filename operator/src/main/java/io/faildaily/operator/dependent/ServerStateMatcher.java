package io.faildaily.operator.dependent;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.faildaily.operator.api.FailDaily;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;

/**
 * Does the object the API server holds already say everything the operator wants? Used without
 * server-side apply, in place of JOSDK's GenericKubernetesResourceMatcher: that one diffs with zjsonpatch,
 * which turns a server default equal to another field's value (a probe's {@code successThreshold: 1}
 * beside {@code replicas: 1}) into a {@code copy} operation, and accepts only {@code add}s, so an object
 * the server has defaulted never matches and is written on every reconcile.
 *
 * <p>The rule: every field of the desired object is in the actual one with an equal value; maps may hold
 * more (server defaults, other managers' annotations), lists must have the same length and match item by
 * item. Like JOSDK's matcher, a field the operator stops writing is not removed (server-side apply, the
 * production mode, does remove it). Metadata: the desired labels and annotations must be present.
 */
final class ServerStateMatcher {
    /** Top-level fields that are not the object's content. */
    private static final Set<String> NOT_CONTENT = Set.of("apiVersion", "kind", "metadata", "status");

    private ServerStateMatcher() {}

    /** JOSDK's result for a dependent that does not apply: matched, or the object to write. */
    static <R extends HasMetadata> Matcher.Result<R> result(R desired, R actual, Context<FailDaily> context) {
        return Matcher.Result.computed(matches(desired, actual, context.getClient().getKubernetesSerialization()), desired);
    }

    static boolean matches(HasMetadata desired, HasMetadata actual, KubernetesSerialization serialization) {
        JsonNode want = serialization.convertValue(desired, JsonNode.class);
        JsonNode have = serialization.convertValue(actual, JsonNode.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!NOT_CONTENT.contains(field.getKey()) && !contained(field.getValue(), have.get(field.getKey()))) {
                return false;
            }
        }
        JsonNode wantMeta = want.path("metadata");
        JsonNode haveMeta = have.path("metadata");
        return contained(wantMeta.path("labels"), haveMeta.path("labels"))
                && contained(wantMeta.path("annotations"), haveMeta.path("annotations"));
    }

    /** {@code want} is said by {@code have}: see the class comment. */
    static boolean contained(JsonNode want, JsonNode have) {
        if (want == null || want.isNull() || want.isMissingNode()) {
            return true;
        }
        if (have == null || have.isMissingNode() || have.isNull()) {
            return want.isObject() && want.isEmpty();
        }
        if (want.isObject()) {
            if (!have.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!contained(field.getValue(), have.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (want.isArray()) {
            if (!have.isArray() || have.size() != want.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!contained(want.get(i), have.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (want.isNumber() && have.isNumber()) {
            return want.decimalValue().compareTo(have.decimalValue()) == 0;
        }
        return want.equals(have);
    }
}
