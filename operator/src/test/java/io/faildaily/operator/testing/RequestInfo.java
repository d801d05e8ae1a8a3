package io.faildaily.operator.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an HTTP request asks of the API server, in the terms RBAC decides on: verb, API group, resource
 * (with subresource), namespace and name. This is our model of kube-apiserver's request-info resolver
 * ({@code RequestInfoFactory.NewRequestInfo} in k8s.io/apiserver): the mock API server authorises nothing,
 * so the translation from "PATCH /apis/coordination.k8s.io/v1/namespaces/ops/leases/x" to "patch leases x"
 * is ours, and {@code RequestInfoTest} pins it to the resolver's rules.
 *
 * @param resourceRequest false for discovery and other non-resource URLs (/version, /apis, /api/v1)
 * @param verb            for a non-resource request, the lower-cased HTTP method, as RBAC sees it
 * @param path            the path without the query (what a nonResourceURLs rule matches)
 * @param namespace       empty for cluster-scoped requests and requests across all namespaces
 * @param name            empty for requests on a collection
 */
public record RequestInfo(boolean resourceRequest, String verb, String apiGroup, String resource,
                          String subresource, String namespace, String name, String path) {
    /** Sub-paths of a namespace that are its subresources, not a resource inside it. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");
    /** Legacy verb prefixes: /api/v1/watch/namespaces/x/pods. */
    private static final Set<String> SPECIAL_VERBS = Set.of("proxy", "watch");

    /** The resolver's reading of {@code method} on {@code target} (a path with an optional query). */
    public static RequestInfo of(String method, String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        List<String> parts = new ArrayList<>(Arrays.asList(path.replaceAll("^/+|/+$", "").split("/")));
        String nonResourceVerb = method.toLowerCase(Locale.ROOT);
        RequestInfo nonResource = new RequestInfo(false, nonResourceVerb, "", "", "", "", "", path);

        // /api/v1/... (core group) or /apis/GROUP/VERSION/...; anything shorter is discovery.
        String group;
        if (parts.get(0).equals("api") && parts.size() >= 2) {
            group = "";
            parts = parts.subList(2, parts.size());
        } else if (parts.get(0).equals("apis") && parts.size() >= 3) {
            group = parts.get(1);
            parts = parts.subList(3, parts.size());
        } else {
            return nonResource;
        }
        if (parts.isEmpty()) {
            return nonResource;
        }
        String verb = switch (method) {
            case "GET", "HEAD" -> "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> "";
        };
        if (SPECIAL_VERBS.contains(parts.get(0))) {
            verb = parts.get(0);
            parts = parts.subList(1, parts.size());
        }
        String namespace = "";
        if (parts.size() >= 1 && parts.get(0).equals("namespaces")) {
            if (parts.size() > 1) {
                namespace = parts.get(1);
                // /namespaces/x/pods is a resource inside x; /namespaces/x and /namespaces/x/status are x itself.
                if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
                    parts = parts.subList(2, parts.size());
                }
            }
        }
        String resource = parts.size() >= 1 ? parts.get(0) : "";
        String name = parts.size() >= 2 ? parts.get(1) : "";
        String subresource = parts.size() >= 3 ? parts.get(2) : "";

        // A GET without a name reads the collection: list, or watch when asked to; a field selector on
        // metadata.name narrows it to one name, which resourceNames rules then see.
        if (name.isEmpty() && verb.equals("get")) {
            verb = queryFlag(query, "watch") ? "watch" : "list";
            name = nameFromFieldSelector(query);
        }
        if (name.isEmpty() && verb.equals("delete")) {
            verb = "deletecollection";
        }
        return new RequestInfo(true, verb, group, resource, subresource, namespace, name, path);
    }

    /** The resource as RBAC rules name it: "faildailies" or "faildailies/status". */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    private static boolean queryFlag(String query, String key) {
        String value = queryValue(query, key);
        return value != null && (value.equals("true") || value.equals("1"));
    }

    private static String nameFromFieldSelector(String query) {
        String selector = queryValue(query, "fieldSelector");
        if (selector == null) {
            return "";
        }
        for (String requirement : selector.split(",")) {
            for (String operator : List.of("==", "=")) {
                String prefix = "metadata.name" + operator;
                if (requirement.startsWith(prefix)) {
                    return requirement.substring(prefix.length());
                }
            }
        }
        return "";
    }

    private static String queryValue(String query, String key) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(key)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        if (!resourceRequest) {
            return verb + " " + path;
        }
        return verb + " " + (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resourceWithSubresource()
                + (name.isEmpty() ? "" : " " + name) + (namespace.isEmpty() ? "" : " in " + namespace);
    }
}
