package io.faildaily.operator.reconciler;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.api.FailDaily;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Writes a FailDaily's status, and nothing else: the body never carries a spec, so no apply mode can
 * put a default over what the user wrote. With server-side apply (production) the body is a FailDaily
 * with only its name and the status, applied to /status under the operator's field manager. Without
 * (an API server that cannot apply, like the test's), it is one JSON Patch operation that sets the whole
 * status, with no list index in it (indexes computed against a stale cached copy go wrong). The result
 * is cached as JOSDK caches its own writes.
 */
final class StatusWriter {
    private StatusWriter() {}

    static boolean serverSideApply(Context<FailDaily> context) {
        return context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource();
    }

    /** Replaces fd's status as a whole and tells the primary informer about the result. */
    static void replace(FailDaily fd, Context<FailDaily> context) {
        FailDaily updated = serverSideApply(context) ? apply(fd, context) : patch(fd, context);
        context.eventSourceRetriever().getControllerEventSource()
                .handleRecentResourceUpdate(ResourceID.fromResource(fd), updated, fd);
    }

    private static FailDaily apply(FailDaily fd, Context<FailDaily> context) {
        FailDaily body = statusOnly(fd);
        return context.getClient().resource(body).subresource("status")
                .patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withForce(true)
                        .withFieldManager(context.getControllerConfiguration().fieldManager()).build());
    }

    private static FailDaily patch(FailDaily fd, Context<FailDaily> context) {
        String patch = Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", fd.getStatus())));
        // Through resource(fd): given the object, the client sends the patch without reading it first.
        return context.getClient().resource(fd).subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
    }

    /** fd's identity and status: what a status apply sends. */
    static FailDaily statusOnly(FailDaily fd) {
        FailDaily body = new FailDaily();
        body.setMetadata(new ObjectMetaBuilder().withName(fd.getMetadata().getName())
                .withNamespace(fd.getMetadata().getNamespace()).build());
        body.setStatus(fd.getStatus());
        return body;
    }
}
