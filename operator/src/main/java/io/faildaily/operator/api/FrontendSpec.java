package io.faildaily.operator.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** nginx serving the web application on 8080 and proxying /api and /uploads to the backend. */
@SpecData
public class FrontendSpec {
    @JsonPropertyDescription("Frontend image, an nginx image whose /usr/share/nginx/html holds the web application "
            + "(e.g. the original Angular build). Default: the operator's default (" + Defaults.FRONTEND_IMAGE
            + " unless its " + DefaultImages.FRONTEND + " or " + DefaultImages.REGISTRY
            + " says otherwise), serving the operator's own FailDaily page.")
    @Pattern(Patterns.IMAGE)
    private String image;

    @JsonPropertyDescription("A HorizontalPodAutoscaler (autoscaling/v2) for the frontend; replicas is then the autoscaler's, never written by the operator.")
    private AutoscalingSpec autoscaling;

    @JsonPropertyDescription("Number of frontend pods. Default 1. Not used while autoscaling is set.")
    @Min(0)
    @Max(Defaults.MAX_REPLICAS)
    private Integer replicas;

    @JsonPropertyDescription("The Service in front of the frontend pods (port 80 to container port 8080).")
    private ServiceSpec service;

    @JsonPropertyDescription("An Ingress for the frontend; none when unset.")
    private IngressSpec ingress;

    @JsonPropertyDescription("nginx settings.")
    private NginxSpec nginx;

    @JsonPropertyDescription("The nginx cache volume (/var/cache/nginx): one claim per pod, made and deleted with it. Default size " + Defaults.CACHE_STORAGE + ".")
    private VolumeSpec cache;

    @JsonPropertyDescription("CPU and memory of the nginx container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Placement and metadata of the frontend pods.")
    private PodPlacementSpec pod;

    public String getImage() {
        return Objects.requireNonNullElse(image, DefaultImages.current().frontend());
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getReplicas() {
        return Objects.requireNonNullElse(replicas, Defaults.REPLICAS);
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public ServiceSpec getService() {
        if (service == null) {
            service = new ServiceSpec();
        }
        return service;
    }

    public void setService(ServiceSpec service) {
        this.service = service;
    }

    public IngressSpec getIngress() {
        return ingress;
    }

    public void setIngress(IngressSpec ingress) {
        this.ingress = ingress;
    }

    public NginxSpec getNginx() {
        if (nginx == null) {
            nginx = new NginxSpec();
        }
        return nginx;
    }

    public void setNginx(NginxSpec nginx) {
        this.nginx = nginx;
    }

    public VolumeSpec getCache() {
        if (cache == null) {
            cache = new VolumeSpec();
        }
        return cache;
    }

    public void setCache(VolumeSpec cache) {
        this.cache = cache;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public PodPlacementSpec getPod() {
        if (pod == null) {
            pod = new PodPlacementSpec();
        }
        return pod;
    }

    public void setPod(PodPlacementSpec pod) {
        this.pod = pod;
    }

    /** The autoscaler asked for, or null: replicas as the spec says. */
    public AutoscalingSpec getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(AutoscalingSpec autoscaling) {
        this.autoscaling = autoscaling;
    }
}
