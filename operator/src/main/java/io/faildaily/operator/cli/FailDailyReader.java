package io.faildaily.operator.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
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
 * Reads one FailDaily from YAML the way the API server would accept it: strict about unknown fields, duplicate
 * keys and types, then checked by the reconciler's own validation. Every problem becomes one line of text that
 * names the place in the file. A file holds exactly one FailDaily: several documents are refused, never cut to
 * the first one.
 */
final class FailDailyReader {
    static final String API_VERSION = FailDaily.GROUP + "/" + FailDaily.VERSION;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Two "spec:" keys would otherwise keep the last one silently; the API server refuses them.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    FailDaily read(String text) throws CliError {
        JsonNode node = onlyDocument(text);
        if (node == null || !node.isObject()) {
            throw new CliError("not a FailDaily: expected one YAML object with apiVersion, kind, metadata and spec");
        }
        String apiVersion = node.path("apiVersion").asText("");
        String kind = node.path("kind").asText("");
        if (!"FailDaily".equals(kind) || !API_VERSION.equals(apiVersion)) {
            throw new CliError("not a FailDaily: found apiVersion '" + apiVersion + "' kind '" + kind
                    + "', expected apiVersion '" + API_VERSION + "' kind 'FailDaily'");
        }
        FailDaily fd = convert(text);
        if (fd.getMetadata() == null || fd.getMetadata().getName() == null) {
            throw new CliError("metadata.name is required");
        }
        if (fd.getMetadata().getNamespace() == null) {
            fd.getMetadata().setNamespace("default");
        }
        List<Violation> violations = SpecValidator.validate(fd);
        if (!violations.isEmpty()) {
            throw new CliError("invalid FailDaily: "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
        return fd;
    }

    /** The one non-empty YAML document of the text (null when there is none). */
    private JsonNode onlyDocument(String text) throws CliError {
        List<JsonNode> documents = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                int line = it.getParser().currentTokenLocation().getLineNr();
                JsonNode document = it.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                    lines.add(line);
                }
            }
        } catch (JsonProcessingException e) {
            throw new CliError("not valid YAML at " + YamlSyntax.describe(e));
        } catch (IOException e) {
            throw new CliError("cannot read: " + OneLine.of(e.getMessage()));
        }
        if (documents.size() > 1) {
            throw new CliError("the file holds " + documents.size() + " YAML documents (starting at lines "
                    + lines.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + "); one FailDaily per file: split it and render each file");
        }
        return documents.isEmpty() ? null : documents.get(0);
    }

    private FailDaily convert(String text) throws CliError {
        // Read from the text, not from the tree: some fabric8 types (Quantity) deserialize only from a parser.
        // The parser is moved to the document's first token, past any empty "---" documents before it.
        try (JsonParser parser = yaml.getFactory().createParser(text)) {
            JsonToken token = parser.nextToken();
            while (token != null && token != JsonToken.START_OBJECT) {
                token = parser.nextToken();
            }
            return yaml.readerFor(FailDaily.class).withAttribute(LenientSpecDeserializer.STRICT, true)
                    .readValue(parser);
        } catch (UnrecognizedPropertyException e) {
            throw new CliError("unknown field '" + e.getPropertyName() + "' in " + parentPath(e) + where(text, e));
        } catch (InvalidFormatException e) {
            throw new CliError("wrong value at " + path(e) + ": '" + e.getValue() + "' is not "
                    + describe(e.getTargetType()) + where(text, e));
        } catch (MismatchedInputException e) {
            throw new CliError("wrong type at " + path(e) + ": expected " + describe(e.getTargetType()) + where(text, e));
        } catch (JsonMappingException e) {
            throw new CliError("cannot read the FailDaily at " + path(e) + ": " + OneLine.of(e.getOriginalMessage())
                    + where(text, e));
        } catch (JsonProcessingException e) {
            throw new CliError("not valid YAML at " + YamlSyntax.describe(e));
        } catch (IOException e) {
            throw new CliError("cannot read: " + OneLine.of(e.getMessage()));
        }
    }

    private static String where(String text, JsonMappingException e) {
        return YamlLocator.where(text, e.getPath());
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
}
