package io.faildaily.operator.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a FailDaily's spec without ever failing the whole object. The CRD schema keeps wrong types out
 * on a real cluster, but a schema can be bypassed (an older CRD, a test API server); an object that
 * cannot be read would otherwise be skipped by the informer in silence. Instead the spec comes back
 * empty and marked unreadable, and the reconciler reports it as Invalid, touching nothing.
 */
public class LenientSpecDeserializer extends JsonDeserializer<FailDailySpec> {
    /** A reader attribute: when true, problems are thrown as usual (the render command wants them). */
    public static final String STRICT = "faildaily.strict";

    @Override
    public FailDailySpec deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode tree = parser.readValueAsTree();
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return new FailDailySpec();
        }
        if (Boolean.TRUE.equals(context.getAttribute(STRICT))) {
            return context.readTreeAsValue(tree, FailDailySpec.class);
        }
        if (!tree.isObject()) {
            return FailDailySpec.unreadable("spec must be an object, not " + tree.getNodeType().name().toLowerCase(), tree);
        }
        try {
            // Fields the CRD does not know are ignored, as an API server prunes them.
            return parser.getCodec() instanceof ObjectMapper mapper
                    ? mapper.readerFor(FailDailySpec.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                            .readValue(tree)
                    : context.readTreeAsValue(tree, FailDailySpec.class);
        } catch (JsonMappingException e) {
            return FailDailySpec.unreadable(describe(e), tree);
        }
    }

    /** {@code spec: null} is the empty spec. */
    @Override
    public FailDailySpec getNullValue(DeserializationContext context) {
        return new FailDailySpec();
    }

    private static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder("spec");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        int cut = message.indexOf('\n');
        return path + ": " + (cut < 0 ? message : message.substring(0, cut)).replaceAll("\\s+", " ");
    }
}
