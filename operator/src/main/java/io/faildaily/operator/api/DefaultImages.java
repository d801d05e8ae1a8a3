package io.faildaily.operator.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the images of a FailDaily come from when its spec does not say: the database image (which the backup
 * and restore Jobs run too), the backend and frontend images, and the pull secrets of every pod. Built in
 * ({@link Defaults}), or chosen by the administrator through the operator's environment, once for the whole
 * operator, so that an air-gapped cluster pulls from its own registry. The spec getters read the defaults
 * {@linkplain #install installed} at start-up; they are never written into a FailDaily, so changing them moves
 * every FailDaily that does not pin an image.
 *
 * <p>Per image, the first that is set wins: the spec's field, the variable naming that image in full, the
 * built-in image moved to {@value #REGISTRY}, the built-in image.
 */
public record DefaultImages(String database, String backend, String frontend, String operator, List<String> pullSecrets) {
    public static final String DATABASE = "FAILDAILY_DEFAULT_DATABASE_IMAGE";
    /**
     * The operator's own image, which the object-store backup and restore Jobs run beside the database image
     * (their upload and download container): the chart sets it to the image the operator runs, so that the
     * Jobs run the same build.
     */
    public static final String OPERATOR = "FAILDAILY_OPERATOR_IMAGE";
    public static final String BACKEND = "FAILDAILY_DEFAULT_BACKEND_IMAGE";
    public static final String FRONTEND = "FAILDAILY_DEFAULT_FRONTEND_IMAGE";
    public static final String REGISTRY = "FAILDAILY_IMAGE_REGISTRY";
    public static final String PULL_SECRETS = "FAILDAILY_IMAGE_PULL_SECRETS";

    public static final DefaultImages BUILT_IN =
            new DefaultImages(Defaults.DATABASE_IMAGE, Defaults.BACKEND_IMAGE, Defaults.FRONTEND_IMAGE,
                    Defaults.OPERATOR_IMAGE, List.of());

    private static final Pattern IMAGE = Pattern.compile(Patterns.IMAGE);
    private static final Pattern SECRET_NAME = Pattern.compile(Patterns.OBJECT_NAME);

    private static volatile DefaultImages installed = BUILT_IN;

    public DefaultImages {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(frontend, "frontend");
        Objects.requireNonNull(operator, "operator");
        pullSecrets = List.copyOf(pullSecrets);
    }

    /** What the spec getters fill in: {@link #BUILT_IN} until the operator or {@code render} installs its own. */
    public static DefaultImages current() {
        return installed;
    }

    /** Done once, at start-up, before any FailDaily is read. */
    public static void install(DefaultImages images) {
        installed = Objects.requireNonNull(images);
    }

    /**
     * The defaults an environment asks for; a variable that is not set leaves the built-in value. A bad value
     * is an {@link IllegalArgumentException} whose one-line message names the variable.
     */
    public static DefaultImages fromEnvironment(Map<String, String> environment) {
        ImageRegistry registry = registry(environment);
        return new DefaultImages(
                image(environment, DATABASE, Defaults.DATABASE_IMAGE, registry),
                image(environment, BACKEND, Defaults.BACKEND_IMAGE, registry),
                image(environment, FRONTEND, Defaults.FRONTEND_IMAGE, registry),
                image(environment, OPERATOR, Defaults.OPERATOR_IMAGE, registry),
                pullSecrets(environment));
    }

    private static ImageRegistry registry(Map<String, String> environment) {
        String value = environment.get(REGISTRY);
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            throw invalid(REGISTRY, value, "empty; unset it to pull the built-in images from their own registries");
        }
        try {
            return ImageRegistry.of(value);
        } catch (IllegalArgumentException e) {
            throw invalid(REGISTRY, value, e.getMessage());
        }
    }

    private static String image(Map<String, String> environment, String variable, String builtIn, ImageRegistry registry) {
        String value = environment.get(variable);
        if (value == null) {
            return registry == null ? builtIn : registry.locate(builtIn);
        }
        // An image reference has no white space at all; a stray newline from a values file is not trimmed away.
        if (!IMAGE.matcher(value).matches()) {
            throw invalid(variable, value, value.isEmpty() ? "empty; unset it for the built-in image " + builtIn
                    : "not an image reference (it has white space)");
        }
        return value;
    }

    /** Comma-separated Secret names; empty means none. */
    private static List<String> pullSecrets(Map<String, String> environment) {
        String value = environment.get(PULL_SECRETS);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String item : value.split(",", -1)) {
            String name = item.strip();
            if (name.isEmpty()) {
                throw invalid(PULL_SECRETS, value, "an empty name between commas");
            }
            if (name.length() > 253 || !SECRET_NAME.matcher(name).matches()) {
                throw invalid(PULL_SECRETS, value, "'" + shown(name) + "' is not a Secret name (lower-case letters, "
                        + "digits, '-' and '.'; names separated by commas)");
            }
            if (!seen.add(name)) {
                throw invalid(PULL_SECRETS, value, "'" + name + "' is listed twice");
            }
            names.add(name);
        }
        return names;
    }

    private static IllegalArgumentException invalid(String variable, String value, String problem) {
        return new IllegalArgumentException(variable + "='" + shown(value) + "': " + problem);
    }

    /** A value on one line of a terminal: control characters escaped, long values cut. */
    private static String shown(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(100).forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > 100 ? out + "..." : out.toString();
    }
}
