package io.faildaily.backend.observability;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * One flat JSON object written straight into a string, for log lines: building a tree of nodes and serialising
 * it cost every request a map, a dozen node objects and a generator, for a line nobody parses here.
 */
final class JsonLine {
    private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();

    private final StringBuilder out = new StringBuilder(256).append('{');

    JsonLine string(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            out.append('"').append(ESCAPE.quoteAsString(value)).append('"');
        }
        return this;
    }

    JsonLine number(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    JsonLine number(String name, double value) {
        name(name);
        out.append(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    private void name(String name) {
        if (out.length() > 1) {
            out.append(',');
        }
        out.append('"').append(ESCAPE.quoteAsString(name)).append("\":");
    }

    @Override
    public String toString() {
        return out + "}";
    }
}
