package io.faildaily.operator.cli;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.LenientSpecDeserializer;
import io.faildaily.operator.reconciler.SpecValidator;
import io.faildaily.operator.reconciler.Violation;

/**
 * Reads one FailDaily from YAML the way the API server would accept it: strict about unknown fields and
 * types, then checked by the reconciler's own validation. Every problem becomes one line of text.
 */
final class FailDailyReader {
    static final String API_VERSION = FailDaily.GROUP + "/" + FailDaily.VERSION;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Thrown with a message fit for one line on a terminal. */
    static final class InvalidInput extends Exception {
        InvalidInput(String message) {
            super(message);
        }
    }

    FailDaily read(String text) throws InvalidInput {
        JsonNode node = parse(text);
        if (node == null || !node.isObject()) {
            throw new InvalidInput("not a FailDaily: expected one YAML object with apiVersion, kind, metadata and spec");
        }
        String apiVersion = node.path("apiVersion").asText("");
        String kind = node.path("kind").asText("");
        if (!"FailDaily".equals(kind) || !API_VERSION.equals(apiVersion)) {
            throw new InvalidInput("not a FailDaily: found apiVersion '" + apiVersion + "' kind '" + kind
                    + "', expected apiVersion '" + API_VERSION + "' kind 'FailDaily'");
        }
        FailDaily fd = convert(text);
        if (fd.getMetadata() == null || fd.getMetadata().getName() == null) {
            throw new InvalidInput("metadata.name is required");
        }
        if (fd.getMetadata().getNamespace() == null) {
            fd.getMetadata().setNamespace("default");
        }
        List<Violation> violations = SpecValidator.validate(fd);
        if (!violations.isEmpty()) {
            throw new InvalidInput("invalid FailDaily: "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
        return fd;
    }

    private JsonNode parse(String text) throws InvalidInput {
        try {
            return yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInput("not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidInput("cannot read: " + e.getMessage());
        }
    }

    private FailDaily convert(String text) throws InvalidInput {
        // Read from the text, not from the tree: some fabric8 types (Quantity) deserialize only from a parser.
        try {
            return yaml.readerFor(FailDaily.class).withAttribute(LenientSpecDeserializer.STRICT, true).readValue(text);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInput("unknown field '" + e.getPropertyName() + "' in " + parentPath(e));
        } catch (InvalidFormatException e) {
            throw new InvalidInput("wrong value at " + path(e) + ": '" + e.getValue() + "' is not "
                    + describe(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw new InvalidInput("wrong type at " + path(e) + ": expected " + describe(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw new InvalidInput("cannot read the FailDaily: " + firstLine(e.getOriginalMessage()));
        }
    }

    private static String path(JsonMappingException e) {
        return path(e.getPath());
    }

    /** The object holding an unknown field: its path without the field itself. */
    private static String parentPath(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        return path(refs.subList(0, Math.max(0, refs.size() - 1)));
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the top level" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different type";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
