package io.faildaily.operator.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;

/** JSON as CEL sees a custom resource: maps, lists, int (Long), double, string, bool. */
final class CelValues {
    private CelValues() {}

    static Object of(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            // The API server drops a null member of a non-nullable field before validation: so does this.
            node.fields().forEachRemaining(member -> {
                if (!member.getValue().isNull()) {
                    map.put(member.getKey(), of(member.getValue()));
                }
            });
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(of(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.longValue(); // CEL's int is 64 bits; an Integer would be no CEL value at all
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return NullValue.NULL_VALUE;
        }
        return node.asText();
    }
}
