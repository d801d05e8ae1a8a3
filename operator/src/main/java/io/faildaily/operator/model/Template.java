package io.faildaily.operator.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text file from the operator's resources ({@code templates/}) with {@code {{NAME}}} placeholders.
 * Double braces because nginx and shell already give {@code $name} and {@code ${name}} a meaning.
 * Every placeholder must receive a value and every value must be used, so a renamed placeholder
 * fails loudly instead of rendering a broken file.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Template() {}

    /** The raw text of a resource under {@code templates/}. */
    public static String text(String name) {
        return CACHE.computeIfAbsent(name, Template::load);
    }

    /** The resource under {@code templates/} with its placeholders replaced. */
    public static String render(String name, Map<String, String> values) {
        String text = text(name);
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        java.util.Set<String> used = new java.util.HashSet<>();
        while (matcher.find()) {
            String key = matcher.group(1);
            String value = values.get(key);
            if (value == null) {
                throw new IllegalArgumentException("template " + name + " needs a value for {{" + key + "}}");
            }
            used.add(key);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        if (!used.containsAll(values.keySet())) {
            throw new IllegalArgumentException("template " + name + " has no placeholder for some of " + values.keySet());
        }
        return out.toString();
    }

    private static String load(String name) {
        String path = "/templates/" + name;
        try (InputStream in = Template.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
