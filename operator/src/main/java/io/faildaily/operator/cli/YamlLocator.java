package io.faildaily.operator.cli;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Finds the line and column of a field in a YAML text from its path (spec, backend, replicas). Jackson's own
 * location for a mapping error is where its parser stood, which is past the whole object once a deserializer
 * has buffered it (the spec's does); the path is exact.
 */
final class YamlLocator {
    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlLocator() {}

    /** " (line L, column C)" of the field's key, or nothing when it cannot be found. */
    static String where(String text, List<JsonMappingException.Reference> path) {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken token = parser.nextToken();
            while (token != null && token != JsonToken.START_OBJECT) { // empty "---" documents come first
                token = parser.nextToken();
            }
            return token == null ? "" : YamlSyntax.where(find(parser, path, 0));
        } catch (IOException | RuntimeException e) {
            return ""; // the place is a help, not the message: a text that fails here still has its error
        }
    }

    /** With the parser on the start of the value at {@code path[0..depth)}. */
    private static JsonLocation find(JsonParser parser, List<JsonMappingException.Reference> path, int depth)
            throws IOException {
        if (depth == path.size()) {
            return parser.currentTokenLocation();
        }
        JsonMappingException.Reference step = path.get(depth);
        if (parser.currentToken() == JsonToken.START_OBJECT && step.getFieldName() != null) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                JsonLocation key = parser.currentTokenLocation();
                boolean match = step.getFieldName().equals(parser.currentName());
                parser.nextToken();
                if (match) {
                    return depth + 1 == path.size() ? key : find(parser, path, depth + 1);
                }
                parser.skipChildren();
            }
        } else if (parser.currentToken() == JsonToken.START_ARRAY && step.getIndex() >= 0) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY && parser.currentToken() != null) {
                if (index++ == step.getIndex()) {
                    return find(parser, path, depth + 1);
                }
                parser.skipChildren();
            }
        }
        return null;
    }
}
