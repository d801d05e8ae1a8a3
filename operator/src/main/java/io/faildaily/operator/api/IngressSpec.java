package io.faildaily.operator.api;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An Ingress routing a host name to the frontend Service. */
@SpecData
public class IngressSpec {
    /**
     * How the Ingress's one path, "/", matches. Not Exact: that would serve "/" alone, without the
     * application's scripts, its API or its uploads.
     */
    public enum PathType { Prefix, ImplementationSpecific }

    @JsonPropertyDescription("Host name the application is served on, e.g. faildaily.example.com.")
    @Required
    @Pattern(Patterns.DNS_NAME)
    private String host;

    @JsonPropertyDescription("IngressClass; the cluster's default class when unset.")
    @Pattern(Patterns.OBJECT_NAME)
    private String className;

    @JsonPropertyDescription("Name of a kubernetes.io/tls Secret for the host; plain HTTP when unset.")
    @Pattern(Patterns.OBJECT_NAME)
    private String tlsSecretName;

    @JsonPropertyDescription("Path type of the Ingress's path /: Prefix (default) or ImplementationSpecific (what some "
            + "controllers need for their own path syntax).")
    private PathType pathType;

    @JsonPropertyDescription("Annotations of the Ingress, e.g. cert-manager.io/cluster-issuer to have cert-manager issue "
            + "tlsSecretName. With className nginx the operator sets nginx.ingress.kubernetes.io/proxy-body-size to "
            + "frontend.nginx.clientMaxBodySize, so that ingress-nginx lets through what nginx accepts; a value given "
            + "here wins.")
    private Map<String, String> annotations;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getClassName() {
        return className;
    }

    public void setClassName(String className) {
        this.className = className;
    }

    public String getTlsSecretName() {
        return tlsSecretName;
    }

    public void setTlsSecretName(String tlsSecretName) {
        this.tlsSecretName = tlsSecretName;
    }

    public PathType getPathType() {
        return Objects.requireNonNullElse(pathType, PathType.Prefix);
    }

    public void setPathType(PathType pathType) {
        this.pathType = pathType;
    }

    public Map<String, String> getAnnotations() {
        return Objects.requireNonNullElse(annotations, Map.of());
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
