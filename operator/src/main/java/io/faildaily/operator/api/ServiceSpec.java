package io.faildaily.operator.api;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** How the frontend is exposed: the seed published port 80 to the world. */
@SpecData
// On the object, not the field: the rule spans two fields. An unset type is ClusterIP (the operator's default).
@ValidationRule(value = ServiceSpec.NODE_PORT_RULE, message = "nodePort " + ServiceSpec.NODE_PORT_NEEDS_TYPE)
public class ServiceSpec {
    public enum Type { ClusterIP, NodePort, LoadBalancer }

    /** A ClusterIP Service has no node port: Kubernetes would refuse the Service the operator writes. */
    public static final String NODE_PORT_RULE = "!has(self.nodePort) || (has(self.type) && self.type != 'ClusterIP')";
    public static final String NODE_PORT_NEEDS_TYPE = "needs service type NodePort or LoadBalancer";

    @JsonPropertyDescription("Service type. Default ClusterIP.")
    private Type type;

    @JsonPropertyDescription("Service port. Default " + Defaults.FRONTEND_SERVICE_PORT + ".")
    @Min(1)
    @Max(65535)
    private Integer port;

    @JsonPropertyDescription("Node port for NodePort and LoadBalancer services; chosen by the cluster when unset.")
    @Min(30000)
    @Max(32767)
    private Integer nodePort;

    @JsonPropertyDescription("Extra annotations of the Service, e.g. a cloud load balancer's "
            + "(service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing).")
    private Map<String, String> annotations;

    public Type getType() {
        return Objects.requireNonNullElse(type, Type.ClusterIP);
    }

    public void setType(Type type) {
        this.type = type;
    }

    public Integer getPort() {
        return Objects.requireNonNullElse(port, Defaults.FRONTEND_SERVICE_PORT);
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Integer getNodePort() {
        return nodePort;
    }

    public void setNodePort(Integer nodePort) {
        this.nodePort = nodePort;
    }

    public Map<String, String> getAnnotations() {
        return Objects.requireNonNullElse(annotations, Map.of());
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
