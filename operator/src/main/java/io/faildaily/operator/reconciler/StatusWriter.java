package io.faildaily.operator.reconciler;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.api.FailDaily;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Writes a FailDaily's status. With server-side apply (production) JOSDK applies it. Without (an API
 * server that cannot apply, like the test's), JOSDK would send a JSON Patch computed against its cached
 * copy, whose list indexes go wrong when that copy is stale. Here the patch is one operation that sets
 * the whole status, with no index in it. The result is cached as JOSDK caches its own writes.
 */
final class StatusWriter {
    private StatusWriter() {}

    static boolean serverSideApply(Context<FailDaily> context) {
        return context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource();
    }

    /** Replaces fd's status as a whole and tells the primary informer about the result. */
    static void replace(FailDaily fd, Context<FailDaily> context) {
        String patch = Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", fd.getStatus())));
        // Through resource(fd): given the object, the client sends the patch without reading it first.
        FailDaily updated = context.getClient().resource(fd).subresource("status")
                .patch(PatchContext.of(PatchType.JSON), patch);
        context.eventSourceRetriever().getControllerEventSource()
                .handleRecentResourceUpdate(ResourceID.fromResource(fd), updated, fd);
    }
}
