package io.faildaily.operator.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.faildaily.operator.api.DefaultImages;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FrontendSpec;
import io.faildaily.operator.api.IngressSpec;
import io.faildaily.operator.api.NginxSpec;
import io.faildaily.operator.api.Patterns;
import io.faildaily.operator.api.ServiceSpec;

/** nginx: the web application on 8080, the API behind it. Deployment, nginx.conf, Service, Ingress. */
public final class FrontendModel {
    public static final String CONTAINER = "nginx";
    public static final String CONFIG_FILE = "nginx.conf";
    public static final String HEALTH_PATH = "/health";
    public static final String WEB_ROOT = "/usr/share/nginx/html";
    /** nginx's temp files; logs go to stdout and stderr (nginx.conf), what `kubectl logs` shows. */
    public static final String CACHE_PATH = "/var/cache/nginx";
    public static final String CACHE_VOLUME = "nginx-cache";
    /** The default web application: static files, no build step, under templates/web/. */
    public static final List<String> WEB_FILES = List.of("index.html", "app.js", "account.js", "moderation.js", "styles.css");
    /** The IngressClass of ingress-nginx, and its annotation for the largest request body it passes on. */
    public static final String INGRESS_NGINX_CLASS = "nginx";
    public static final String INGRESS_NGINX_BODY_SIZE = "nginx.ingress.kubernetes.io/proxy-body-size";

    private FrontendModel() {}

    /** nginx.conf as the frontend pods run it. */
    public static String nginxConf(FailDaily fd) {
        NginxSpec nginx = fd.getSpec().getFrontend().getNginx();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("WORKER_PROCESSES", nginx.getWorkerProcesses());
        values.put("KEEPALIVE_TIMEOUT", String.valueOf(nginx.getKeepaliveTimeout()));
        values.put("CLIENT_MAX_BODY_SIZE", nginx.getClientMaxBodySize());
        values.put("GZIP", nginx.getGzip() ? "on" : "off");
        // The namespace-qualified name resolves through the pod's DNS search path on any cluster domain.
        values.put("BACKEND_HOST", Names.of(fd, Part.BACKEND) + "." + fd.getMetadata().getNamespace() + ".svc");
        values.put("BACKEND_PORT", String.valueOf(Defaults.BACKEND_PORT));
        values.put("LISTEN_PORT", String.valueOf(Defaults.FRONTEND_CONTAINER_PORT));
        values.put("REAL_IP", realIp(nginx.getTrustedProxies()));
        values.put("CONTENT_SECURITY_POLICY", contentSecurityPolicyHeader(contentSecurityPolicy(fd)));
        return Template.render(CONFIG_FILE, values);
    }

    /**
     * The policy nginx sends: the spec's, else the default for what nginx serves (the operator's own page,
     * or a web application of the frontend image's own). Empty: no header.
     */
    public static String contentSecurityPolicy(FailDaily fd) {
        String set = fd.getSpec().getFrontend().getNginx().getContentSecurityPolicy();
        if (set != null) {
            return set.strip();
        }
        return servesDefaultWebPage(fd) ? Defaults.CONTENT_SECURITY_POLICY : Defaults.IMAGE_CONTENT_SECURITY_POLICY;
    }

    /**
     * The add_header line. The validator refuses a policy that would end or change the quoted string; checked
     * again here so that no path (a caller that skipped validation) can write such a line into nginx.conf.
     */
    private static String contentSecurityPolicyHeader(String policy) {
        if (!policy.matches(Patterns.CONTENT_SECURITY_POLICY)) {
            throw new IllegalArgumentException("spec.frontend.nginx.contentSecurityPolicy has a character nginx.conf "
                    + "cannot carry in a quoted string");
        }
        if (policy.isEmpty()) {
            return "        # No Content-Security-Policy: spec.frontend.nginx.contentSecurityPolicy is empty.";
        }
        return "        add_header Content-Security-Policy \"" + policy + "\" always;";
    }

    /** Trust X-Forwarded-For from the listed proxies only (nothing when none is listed). */
    private static String realIp(List<String> trustedProxies) {
        if (trustedProxies.isEmpty()) {
            return "        # No trusted proxy (spec.frontend.nginx.trustedProxies): the client address is the peer's.";
        }
        StringBuilder lines = new StringBuilder();
        trustedProxies.forEach(cidr -> lines.append("        set_real_ip_from ").append(cidr).append(";\n"));
        return lines.append("        real_ip_header X-Forwarded-For;\n        real_ip_recursive on;").toString();
    }

    public static Map<String, String> configData(FailDaily fd) {
        return Map.of(CONFIG_FILE, nginxConf(fd));
    }

    public static ConfigMap configMap(FailDaily fd) {
        return new ConfigMapBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.FRONTEND_CONFIG))
                .withData(configData(fd))
                .build();
    }

    /**
     * True when the frontend runs a default image, a plain nginx with no web application of its own: nginx
     * then serves the operator's default page. Decided by value, not by "unset", so that a spec naming the
     * built-in image gets the page too, also where the operator's default is a mirror of it.
     */
    public static boolean servesDefaultWebPage(FailDaily fd) {
        String image = fd.getSpec().getFrontend().getImage();
        return Defaults.FRONTEND_IMAGE.equals(image) || DefaultImages.current().frontend().equals(image);
    }

    /** The default web page's files, served from a ConfigMap mounted as nginx's document root. */
    public static Map<String, String> webData() {
        Map<String, String> files = new LinkedHashMap<>();
        WEB_FILES.forEach(name -> files.put(name, Template.text("web/" + name)));
        return files;
    }

    public static ConfigMap webConfigMap(FailDaily fd) {
        return new ConfigMapBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.WEB))
                .withData(webData())
                .build();
    }

    public static Deployment deployment(FailDaily fd) {
        FrontendSpec frontend = fd.getSpec().getFrontend();
        Map<String, String> checksummed = new LinkedHashMap<>(configData(fd));
        if (servesDefaultWebPage(fd)) {
            checksummed.putAll(webData());
        }
        DeploymentBuilder builder = new DeploymentBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.FRONTEND))
                .withNewSpec()
                // While autoscaled: none, the autoscaler's (the dependent keeps what runs).
                .withReplicas(AutoscalerModel.frontendWanted(fd) ? null : frontend.getReplicas())
                .withNewSelector().withMatchLabels(Labels.selector(fd, Component.FRONTEND)).endSelector()
                // No claim that pods share (the cache is a volume per pod): a rolling update.
                .withStrategy(Rollout.of(List.of()))
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Labels.of(fd, Part.FRONTEND))
                .addToAnnotations(Checksums.CONFIG_ANNOTATION, Checksums.of(checksummed))
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodSecurity.pod(PodSecurity.APP_UID))
                .withImagePullSecrets(ImagePullSecrets.of(fd))
                .withTopologySpreadConstraints(NodeSpread.of(fd, Component.FRONTEND))
                .withContainers(container(fd))
                .addNewVolume().withName("config").withNewConfigMap()
                .withName(Names.of(fd, Part.FRONTEND_CONFIG)).endConfigMap().endVolume()
                .addNewVolume().withName(CACHE_VOLUME).withEphemeral(VolumeModel.cache(fd)).endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec();
        if (servesDefaultWebPage(fd)) {
            builder.editSpec().editTemplate().editSpec()
                    .addNewVolume().withName("web").withNewConfigMap().withName(Names.of(fd, Part.WEB)).endConfigMap()
                    .endVolume()
                    .endSpec().endTemplate().endSpec();
        }
        Deployment deployment = builder.build();
        PodPlacement.apply(fd, Component.FRONTEND, frontend.getPod(), deployment.getSpec().getTemplate());
        return deployment;
    }

    private static Container container(FailDaily fd) {
        FrontendSpec frontend = fd.getSpec().getFrontend();
        int port = Defaults.FRONTEND_CONTAINER_PORT;
        ContainerBuilder container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(frontend.getImage())
                .addNewPort().withName("http").withContainerPort(port).withProtocol("TCP").endPort()
                .withReadinessProbe(health(port, 30, 5))
                .withLivenessProbe(health(port, 30, 5))
                .withResources(Resources.orDefault(frontend.getResources(), "50m", "64Mi", "256Mi"))
                .withSecurityContext(PodSecurity.container())
                .addNewVolumeMount().withName("config").withMountPath("/etc/nginx/" + CONFIG_FILE)
                .withSubPath(CONFIG_FILE).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(CACHE_VOLUME).withMountPath(CACHE_PATH).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount();
        if (servesDefaultWebPage(fd)) {
            container.addNewVolumeMount().withName("web").withMountPath(WEB_ROOT).withReadOnly(true).endVolumeMount();
        }
        return container.build();
    }

    private static Probe health(int port, int periodSeconds, int timeoutSeconds) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(HEALTH_PATH).withPort(new IntOrString(port)).endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(timeoutSeconds)
                .withFailureThreshold(3)
                .build();
    }

    /** The only public entry point of the instance: port 80 (configurable) to nginx's 8080. */
    public static Service service(FailDaily fd) {
        ServiceSpec spec = fd.getSpec().getFrontend().getService();
        ServicePortBuilder port = new ServicePortBuilder().withName("http").withPort(spec.getPort())
                .withTargetPort(new IntOrString("http")).withProtocol("TCP");
        if (spec.getType() != ServiceSpec.Type.ClusterIP && spec.getNodePort() != null) {
            port.withNodePort(spec.getNodePort());
        }
        return new ServiceBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.FRONTEND, spec.getAnnotations()))
                .withNewSpec()
                .withType(spec.getType().name())
                .withSelector(Labels.selector(fd, Component.FRONTEND))
                .withPorts(port.build())
                .endSpec()
                .build();
    }

    /**
     * The Ingress's annotations: for ingress-nginx (class nginx), its request body limit (1m unless told)
     * follows nginx's own client_max_body_size, or uploads nginx accepts would be refused in front of it; then
     * the spec's, which win.
     */
    static Map<String, String> ingressAnnotations(FailDaily fd) {
        IngressSpec spec = fd.getSpec().getFrontend().getIngress();
        Map<String, String> annotations = new LinkedHashMap<>();
        if (INGRESS_NGINX_CLASS.equals(spec.getClassName())) {
            annotations.put(INGRESS_NGINX_BODY_SIZE, fd.getSpec().getFrontend().getNginx().getClientMaxBodySize());
        }
        annotations.putAll(spec.getAnnotations());
        return annotations;
    }

    /** Present only when spec.frontend.ingress is set. */
    public static Ingress ingress(FailDaily fd) {
        IngressSpec spec = fd.getSpec().getFrontend().getIngress();
        IngressBuilder ingress = new IngressBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.FRONTEND, ingressAnnotations(fd)))
                .withNewSpec()
                .withIngressClassName(spec.getClassName())
                .addNewRule().withHost(spec.getHost()).withNewHttp()
                .addNewPath().withPath("/").withPathType(spec.getPathType().name()).withNewBackend().withNewService()
                .withName(Names.of(fd, Part.FRONTEND)).withNewPort().withName("http").endPort()
                .endService().endBackend().endPath()
                .endHttp().endRule()
                .endSpec();
        if (spec.getTlsSecretName() != null) {
            ingress.editSpec().addNewTl().withHosts(spec.getHost()).withSecretName(spec.getTlsSecretName()).endTl()
                    .endSpec();
        }
        return ingress.build();
    }
}
