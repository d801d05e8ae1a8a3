package io.faildaily.operator.testing;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * kube-apiserver's field selectors on a LIST of core/v1 Events ({@code involvedObject.kind},
 * {@code involvedObject.name}, {@code involvedObject.uid}, {@code reason}, {@code type}, ...), which fabric8's
 * CRUD mock does not have: it matches each field requirement against the attributes it stores for an object
 * (metadata.name and metadata.namespace, labels), so {@code involvedObject.name=x} matches no Event and the
 * list comes back empty, where the API server answers that object's Events. Here the requirements on other
 * fields are taken off the request the mock sees and applied to the list it answers, so that the operator
 * meets the server's answer. Equality requirements only ({@code =}, {@code ==}), which is what the operator
 * sends; {@code metadata.*} requirements are left to the mock, which has them.
 */
final class EventFieldSelector {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EVENTS_LIST = Pattern.compile("^/api/v1/(namespaces/[^/]+/)?events(\\?.*)?$");

    private final Map<String, String> requirements;

    private EventFieldSelector(Map<String, String> requirements) {
        this.requirements = requirements;
    }

    /** The requirements of this request that the mock cannot answer, if it is a LIST of Events with some. */
    static Optional<EventFieldSelector> of(RecordedRequest request) {
        Matcher m = EVENTS_LIST.matcher(request.getPath());
        if (!"GET".equals(request.getMethod()) || !m.matches() || query(request.getPath(), "watch").isPresent()) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        query(request.getPath(), "fieldSelector").ifPresent(selector -> {
            for (String requirement : selector.split(",")) {
                String[] keyValue = requirement.split("==?", 2);
                if (keyValue.length == 2 && !keyValue[0].startsWith("metadata.")) {
                    fields.put(keyValue[0], keyValue[1]);
                }
            }
        });
        return fields.isEmpty() ? Optional.empty() : Optional.of(new EventFieldSelector(fields));
    }

    /** The mock's answer to the request without these requirements, narrowed to the Events that meet them. */
    MockResponse dispatch(RecordedRequest request, Function<RecordedRequest, MockResponse> mock) {
        MockResponse response = mock.apply(MockApiDispatcher.withBody(request, withoutThem(request.getPath()),
                request.getHeaders(), ""));
        if (response.code() != 200 || response.getBody() == null) {
            return response;
        }
        try {
            JsonNode list = JSON.readTree(response.getBody().readUtf8());
            ArrayNode kept = JSON.createArrayNode();
            list.path("items").forEach(event -> {
                if (requirements.entrySet().stream().allMatch(r -> r.getValue().equals(field(event, r.getKey())))) {
                    kept.add(event);
                }
            });
            ((ObjectNode) list).set("items", kept);
            return response.setBody(JSON.writeValueAsString(list));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the mock's list of Events is not JSON", e);
        }
    }

    private String withoutThem(String path) {
        int q = path.indexOf('?');
        List<String> pairs = new ArrayList<>();
        for (String pair : path.substring(q + 1).split("&")) {
            if (!pair.startsWith("fieldSelector=")) {
                pairs.add(pair);
                continue;
            }
            List<String> rest = new ArrayList<>();
            for (String requirement : decode(pair.substring("fieldSelector=".length())).split(",")) {
                if (!requirements.containsKey(requirement.split("==?", 2)[0])) {
                    rest.add(requirement);
                }
            }
            if (!rest.isEmpty()) {
                pairs.add("fieldSelector=" + URLEncoder.encode(String.join(",", rest), StandardCharsets.UTF_8));
            }
        }
        return path.substring(0, q) + (pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    }

    /** A dotted field of the Event ("involvedObject.name"), or null. */
    private static String field(JsonNode event, String dotted) {
        JsonNode node = event;
        for (String part : dotted.split("\\.")) {
            node = node.path(part);
        }
        return node.isValueNode() ? node.asText() : null;
    }

    private static Optional<String> query(String path, String key) {
        int q = path.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : path.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (decode(eq < 0 ? pair : pair.substring(0, eq)).equals(key)) {
                return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
