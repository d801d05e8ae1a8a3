package io.faildaily.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An Ingress routing a host name to the frontend Service. */
@SpecData
public class IngressSpec {
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
}
