package io.faildaily.backend.http;

import static io.faildaily.backend.service.ApiException.badRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/**
 * A JSON request body read defensively: malformed JSON, a non-object body or a field of the wrong type is a
 * 400 with a code, never an exception that escapes as a 500 (the original answered 500 to malformed JSON).
 */
public final class RequestBody {
    private final ObjectNode node;

    private RequestBody(ObjectNode node) {
        this.node = node;
    }

    /** The body as an object; an empty body counts as {}. */
    public static RequestBody of(Context ctx, ObjectMapper json) {
        String text = ctx.body();
        if (text.isBlank()) {
            return new RequestBody(json.createObjectNode());
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(text);
        } catch (Exception e) {
            throw badRequest("INVALID_JSON", "Corps de requête JSON invalide");
        }
        if (!(parsed instanceof ObjectNode obj)) {
            throw badRequest("INVALID_JSON", "Le corps de la requête doit être un objet JSON");
        }
        return new RequestBody(obj);
    }

    public boolean has(String field) {
        return node.has(field);
    }

    /** A string field; absent or null gives null; any other type is INVALID_FIELD_TYPE. */
    public String string(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "une chaîne de caractères");
        }
        return v.textValue();
    }

    /** A boolean; 0/1 and "true"/"false" are accepted too (form-style clients send them). */
    public Boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber() && (v.asInt() == 0 || v.asInt() == 1) && v.canConvertToInt()) {
            return v.asInt() == 1;
        }
        if (v.isTextual() && ("true".equals(v.textValue()) || "false".equals(v.textValue()))) {
            return Boolean.parseBoolean(v.textValue());
        }
        throw wrongType(field, "un booléen");
    }

    /** A whole number (or a string holding one). */
    public Long integer(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().trim());
            } catch (NumberFormatException e) {
                throw wrongType(field, "un nombre entier");
            }
        }
        throw wrongType(field, "un nombre entier");
    }

    /** The whole body as plain Java values (maps, lists, numbers, strings, booleans). */
    @SuppressWarnings("unchecked")
    public java.util.Map<String, Object> asMap(ObjectMapper json) {
        return json.convertValue(node, java.util.LinkedHashMap.class);
    }

    /** A field as JSON gave it: a Number, a String, a Boolean, or null (absent, null, or an array or object). */
    public Object raw(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        if (v.isNumber()) {
            return v.numberValue();
        }
        return v.isBoolean() ? v.booleanValue() : v.asText();
    }

    private static RuntimeException wrongType(String field, String expected) {
        return badRequest("INVALID_FIELD_TYPE", "Le champ '" + field + "' doit être " + expected);
    }
}
