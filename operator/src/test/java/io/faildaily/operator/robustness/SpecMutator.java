package io.faildaily.operator.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes FailDaily specs from a valid one by random mutations whose effect is known by construction: a
 * mutation either keeps the spec valid (another legal value, an optional part removed, unicode where free
 * text is allowed, an unknown field that an API server would prune) or makes it invalid (wrong type,
 * out of range, bad format, unknown enum value, an object replaced by a scalar). This knowledge is the
 * oracle: it does not come from the operator's own validation.
 */
final class SpecMutator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    enum Kind { INT, QUANTITY, IMAGE, CRON, MYSQL_SIZE, NGINX_SIZE, WORKERS, ENUM, FREE_TEXT, BOOL, OBJECT }

    record Field(String path, Kind kind, int min, int max, List<String> values) {
        static Field of(String path, Kind kind) {
            return new Field(path, kind, 0, 0, List.of());
        }

        static Field range(String path, int min, int max) {
            return new Field(path, Kind.INT, min, max, List.of());
        }

        static Field oneOf(String path, String... values) {
            return new Field(path, Kind.ENUM, 0, 0, List.of(values));
        }
    }

    /** A mutated spec and whether the oracle holds it valid. */
    record Mutant(ObjectNode spec, boolean valid, List<String> mutations) {
    }

    static final List<Field> FIELDS = List.of(
            Field.of("database", Kind.OBJECT),
            Field.of("database.image", Kind.IMAGE),
            Field.of("database.bufferPoolSize", Kind.MYSQL_SIZE),
            Field.range("database.maxConnections", 1, 100000),
            Field.of("database.storage", Kind.OBJECT),
            Field.of("database.storage.size", Kind.QUANTITY),
            Field.of("backend", Kind.OBJECT),
            Field.of("backend.image", Kind.IMAGE),
            Field.range("backend.replicas", 0, 100),
            Field.range("backend.port", 1024, 65535),
            Field.of("backend.corsOrigin", Kind.FREE_TEXT),
            Field.range("backend.keepAliveTimeout", 1, 3600),
            Field.range("backend.maxConnections", 1, 100000),
            Field.of("backend.uploads.size", Kind.QUANTITY),
            Field.of("frontend", Kind.OBJECT),
            Field.of("frontend.image", Kind.IMAGE),
            Field.range("frontend.replicas", 0, 100),
            Field.oneOf("frontend.service.type", "ClusterIP", "NodePort", "LoadBalancer"),
            Field.range("frontend.service.port", 1, 65535),
            Field.of("frontend.nginx.workerProcesses", Kind.WORKERS),
            Field.of("frontend.nginx.gzip", Kind.BOOL),
            Field.range("frontend.nginx.keepaliveTimeout", 0, 3600),
            Field.of("frontend.nginx.clientMaxBodySize", Kind.NGINX_SIZE),
            Field.of("frontend.cache.size", Kind.QUANTITY),
            Field.of("logs.size", Kind.QUANTITY),
            Field.of("backup", Kind.OBJECT),
            Field.of("backup.enabled", Kind.BOOL),
            Field.of("backup.schedule", Kind.CRON),
            Field.range("backup.retention", 1, 1000),
            Field.of("backup.storage.size", Kind.QUANTITY),
            Field.of("networkPolicies.enabled", Kind.BOOL),
            Field.oneOf("deletionPolicy", "Retain", "Delete"));

    private final Random random;

    SpecMutator(long seed) {
        this.random = new Random(seed);
    }

    Mutant mutate(ObjectNode base) {
        ObjectNode spec = base.deepCopy();
        // Validity of what each mutation left, by path: a later mutation of the same path, of a part
        // under it, or of a part above it (an object set or removed there) overwrites an earlier one.
        java.util.Map<String, Boolean> verdicts = new java.util.LinkedHashMap<>();
        List<String> applied = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            Field field = FIELDS.get(random.nextInt(FIELDS.size()));
            boolean breakIt = random.nextInt(100) < 55;
            JsonNode value = breakIt ? invalidValue(field) : validValue(field);
            String path = field.path();
            verdicts.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + ".")
                    || (value != null && path.startsWith(p + ".")));
            if (value == null) {
                remove(spec, path);
                applied.add("remove " + path);
            } else {
                set(spec, path, value);
                applied.add(path + "=" + value);
                verdicts.put(path, !breakIt);
            }
        }
        boolean valid = !verdicts.containsValue(false) && backendPodsShareOnlyReadWriteMany(spec);
        if (random.nextInt(10) == 0) {
            spec.put("unknownField" + random.nextInt(100), "pruned by an API server");
            applied.add("unknown field");
        }
        return new Mutant(spec, valid, applied);
    }

    /**
     * The one rule across fields that mutations can break: several backend pods need ReadWriteMany uploads and
     * logs volumes (the production example has both; replacing or removing backend drops the uploads one).
     */
    private static boolean backendPodsShareOnlyReadWriteMany(ObjectNode spec) {
        JsonNode replicas = spec.path("backend").path("replicas");
        if (!replicas.isInt() || replicas.asInt() <= 1) {
            return true;
        }
        return readWriteMany(spec.path("backend").path("uploads")) && readWriteMany(spec.path("logs"));
    }

    private static boolean readWriteMany(JsonNode volume) {
        for (JsonNode mode : volume.path("accessModes")) {
            if ("ReadWriteMany".equals(mode.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Another legal value; null means "remove the field" (every field is optional). */
    private JsonNode validValue(Field field) {
        if (random.nextInt(5) == 0) {
            return null;
        }
        return switch (field.kind()) {
            case INT -> NODES.numberNode(field.min() + random.nextInt(Math.min(field.max() - field.min() + 1, 1000)));
            case QUANTITY -> NODES.textNode(pick("1Gi", "500Mi", "1.5Ti", "10G", "20Gi", "750M"));
            case IMAGE -> NODES.textNode(pick("mysql:8.0.43", "registry.example.com:5000/team/img@sha256:abc", "nginx"));
            case CRON -> NODES.textNode(pick("0 3 * * *", "*/30 * * * *", "@daily", "15 2 1-15 JAN,JUL MON-FRI"));
            case MYSQL_SIZE -> NODES.textNode(pick("128M", "1G", "134217728", "512K"));
            case NGINX_SIZE -> NODES.textNode(pick("10M", "512k", "0", "1g"));
            case WORKERS -> NODES.textNode(pick("auto", "1", "16"));
            case ENUM -> NODES.textNode(field.values().get(random.nextInt(field.values().size())));
            case FREE_TEXT -> NODES.textNode(pick("https://échec.example", "http://a.example,https://b.example",
                    "https://日本.example", "x".repeat(500)));
            case BOOL -> NODES.booleanNode(random.nextBoolean());
            case OBJECT -> NODES.objectNode();
        };
    }

    /** A value the API's schema forbids. */
    private JsonNode invalidValue(Field field) {
        return switch (field.kind()) {
            case INT -> pickNode(NODES.numberNode(field.min() - 1 - random.nextInt(1000)),
                    NODES.numberNode(field.max() + 1 + (long) random.nextInt(Integer.MAX_VALUE)),
                    NODES.textNode("many"), NODES.objectNode(), NODES.arrayNode().add(1), NODES.numberNode(1e300));
            case QUANTITY -> pickNode(NODES.textNode("ten gigs"), NODES.textNode("-5Gi"), NODES.textNode("0"),
                    NODES.textNode(""), NODES.textNode("１０Gi"), NODES.arrayNode());
            case IMAGE -> pickNode(NODES.textNode(""), NODES.textNode("my image:latest"), NODES.textNode("\t"),
                    NODES.objectNode());
            case CRON -> pickNode(NODES.textNode("61 * * * *"), NODES.textNode("every day"), NODES.textNode(""),
                    NODES.textNode("0 3 * *"), NODES.textNode("@sometimes"), NODES.textNode("0 0 31 2 8"));
            case MYSQL_SIZE -> pickNode(NODES.textNode("256MB"), NODES.textNode("lots"), NODES.textNode("-1M"));
            case NGINX_SIZE -> pickNode(NODES.textNode("10 MB"), NODES.textNode("big"), NODES.textNode("-1"));
            case WORKERS -> pickNode(NODES.textNode("0"), NODES.textNode("many"), NODES.textNode("1000"));
            case ENUM -> pickNode(NODES.textNode("Sometimes"), NODES.textNode(""), NODES.textNode("clusterip"));
            case FREE_TEXT -> pickNode(NODES.objectNode(), NODES.arrayNode().add("x"));
            case BOOL -> pickNode(NODES.textNode("maybe"), NODES.objectNode(), NODES.arrayNode());
            case OBJECT -> pickNode(NODES.numberNode(5), NODES.textNode("yes"), NODES.arrayNode().add(1));
        };
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private JsonNode pickNode(JsonNode... options) {
        return options[random.nextInt(options.length)];
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    private static void remove(ObjectNode root, String path) {
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1 && node != null; i++) {
            node = node.get(parts[i]);
        }
        if (node instanceof ObjectNode parent) {
            parent.remove(parts[parts.length - 1]);
        }
    }
}
