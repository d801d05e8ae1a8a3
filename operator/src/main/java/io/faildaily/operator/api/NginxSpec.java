package io.faildaily.operator.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** The seed's nginx performance settings. */
@SpecData
public class NginxSpec {
    @JsonPropertyDescription("worker_processes: auto or a count. Default auto.")
    @Pattern(Patterns.WORKER_PROCESSES)
    private String workerProcesses;

    @JsonPropertyDescription("gzip compression of text responses. Default true.")
    private Boolean gzip;

    @JsonPropertyDescription("keepalive_timeout in seconds. Default " + Defaults.NGINX_KEEPALIVE_SECONDS + ".")
    @Min(0)
    @Max(3600)
    private Integer keepaliveTimeout;

    @JsonPropertyDescription("client_max_body_size, nginx size syntax. Default " + Defaults.NGINX_CLIENT_MAX_BODY_SIZE + ".")
    @Pattern(Patterns.NGINX_SIZE)
    private String clientMaxBodySize;

    @JsonPropertyDescription("Addresses (CIDR) of proxies in front of nginx, such as the Ingress controller's pods, "
            + "whose X-Forwarded-For is trusted for the client's address (rate limits and logs). None by default: "
            + "trusting a range lets anyone in it choose the address it is limited by.")
    private List<String> trustedProxies;

    @JsonPropertyDescription("The Content-Security-Policy header nginx sends with every answer; an empty string sends "
            + "none. Default: for the operator's own page (no frontend.image), only this origin and no inline script "
            + "but Angular's stylesheet loader (" + Defaults.CONTENT_SECURITY_POLICY + "); with frontend.image, whose "
            + "sources the operator cannot know, " + Defaults.IMAGE_CONTENT_SECURITY_POLICY + ". Printable ASCII "
            + "without double quotes, backslashes, $ or braces.")
    @Pattern(Patterns.CONTENT_SECURITY_POLICY)
    @Size(max = Patterns.CONTENT_SECURITY_POLICY_MAX_LENGTH)
    private String contentSecurityPolicy;

    /**
     * As written: null when unset, whose default depends on the frontend image (FrontendModel chooses
     * between the two in {@link Defaults}); empty for no header.
     */
    public String getContentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    public void setContentSecurityPolicy(String contentSecurityPolicy) {
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    public List<String> getTrustedProxies() {
        return Objects.requireNonNullElse(trustedProxies, List.of());
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public String getWorkerProcesses() {
        return Objects.requireNonNullElse(workerProcesses, Defaults.NGINX_WORKER_PROCESSES);
    }

    public void setWorkerProcesses(String workerProcesses) {
        this.workerProcesses = workerProcesses;
    }

    public Boolean getGzip() {
        return Objects.requireNonNullElse(gzip, Boolean.TRUE);
    }

    public void setGzip(Boolean gzip) {
        this.gzip = gzip;
    }

    public Integer getKeepaliveTimeout() {
        return Objects.requireNonNullElse(keepaliveTimeout, Defaults.NGINX_KEEPALIVE_SECONDS);
    }

    public void setKeepaliveTimeout(Integer keepaliveTimeout) {
        this.keepaliveTimeout = keepaliveTimeout;
    }

    public String getClientMaxBodySize() {
        return Objects.requireNonNullElse(clientMaxBodySize, Defaults.NGINX_CLIENT_MAX_BODY_SIZE);
    }

    public void setClientMaxBodySize(String clientMaxBodySize) {
        this.clientMaxBodySize = clientMaxBodySize;
    }
}
