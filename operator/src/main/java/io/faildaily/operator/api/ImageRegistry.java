package io.faildaily.operator.api;

import java.util.regex.Pattern;

/**
 * A registry, with an optional path in it, that takes the place of the registry of an image reference: the
 * mirror an air-gapped cluster pulls the operator's default images from. Moving a reference keeps its path
 * as {@code docker pull} spells it out in full, so that one copy command per image fills the mirror:
 * {@code mysql:8.0.43} (Docker Hub, {@code docker.io/library/mysql}) becomes
 * {@code REGISTRY/library/mysql:8.0.43}, {@code nginxinc/nginx-unprivileged:1.28.0-alpine} becomes
 * {@code REGISTRY/nginxinc/nginx-unprivileged:1.28.0-alpine}, and {@code ghcr.io/faildaily/faildaily-backend:0.1.0}
 * becomes {@code REGISTRY/faildaily/faildaily-backend:0.1.0}.
 */
public record ImageRegistry(String location) {
    /** host[:port][/path...]: no scheme, no tag, lower-case path components as registries require. */
    public static final String PATTERN = "^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*$";
    private static final Pattern LOCATION = Pattern.compile(PATTERN);
    private static final String DOCKER_HUB = "docker.io";

    public ImageRegistry {
        if (location == null || !LOCATION.matcher(location).matches()) {
            throw new IllegalArgumentException("not a registry: write a host with an optional port and path, such as "
                    + "registry.internal:5000/mirror (no scheme, no tag)");
        }
    }

    /** The registry a user wrote, forgiving a trailing slash. */
    public static ImageRegistry of(String value) {
        return new ImageRegistry(value != null && value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }

    /** {@code reference} pulled from this registry instead of its own. */
    public String locate(String reference) {
        return location + "/" + pathOf(reference);
    }

    /**
     * A reference without its registry, Docker Hub's short names written out as Docker reads them: the first
     * component is a registry only when it has a dot or a port or is {@code localhost}, and a Docker Hub
     * name of one component is an official image, under {@code library/}.
     */
    static String pathOf(String reference) {
        int slash = reference.indexOf('/');
        String first = slash < 0 ? "" : reference.substring(0, slash);
        boolean namesRegistry = slash >= 0
                && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (namesRegistry && !first.equals(DOCKER_HUB) && !first.equals("index." + DOCKER_HUB)) {
            return reference.substring(slash + 1);
        }
        String path = namesRegistry ? reference.substring(slash + 1) : reference;
        return path.contains("/") ? path : "library/" + path;
    }
}
