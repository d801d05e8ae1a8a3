package io.faildaily.operator.model;

import static io.faildaily.operator.model.ModelAssertions.mount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FrontendSpec;
import io.faildaily.operator.api.IngressSpec;
import io.faildaily.operator.api.NginxSpec;
import io.faildaily.operator.api.ServiceSpec;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/** The seed's frontend: nginx on 8080 behind port 80, its performance settings, /health, the API proxied. */
class FrontendModelTest {
    private final FailDaily fd = FailDailies.of("shop", "fd");
    private final Deployment deployment = FrontendModel.deployment(fd);
    private final PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    private final Container nginx = pod.getContainers().get(0);
    private final String conf = FrontendModel.nginxConf(fd);

    @Test
    void nginxConfHasTheSeedsPerformanceSettings() {
        assertThat(conf).contains("worker_processes auto;", "gzip on;", "keepalive_timeout 65;",
                "client_max_body_size 10M;");
    }

    @Test
    void nginxConfAnswersHealthProxiesTheApiAndFallsBackToIndex() {
        assertThat(conf).contains("listen 8080;");
        assertThat(conf).containsPattern("location = /health \\{[^}]*return 200");
        assertThat(conf).containsPattern("location /api/ \\{[^}]*proxy_pass http://backend;");
        assertThat(conf).containsPattern("location /uploads/ \\{[^}]*proxy_pass http://backend;");
        assertThat(conf).contains("server fd-backend.shop.svc:3000;");
        assertThat(conf).contains("try_files $uri $uri/ /index.html;");
    }

    @Test
    void nginxConfWritesOnlyWhereANonRootUserMay() {
        assertThat(conf).contains("pid /tmp/nginx.pid;");
        assertThat(conf).contains("client_body_temp_path /var/cache/nginx/client_temp;",
                "proxy_temp_path /var/cache/nginx/proxy_temp;", "fastcgi_temp_path /var/cache/nginx/fastcgi_temp;",
                "uwsgi_temp_path /var/cache/nginx/uwsgi_temp;", "scgi_temp_path /var/cache/nginx/scgi_temp;");
        assertThat(conf).doesNotContain("{{");
    }

    @Test
    void nginxSettingsComeFromTheSpec() {
        FailDaily custom = FailDailies.of("shop", "fd");
        FrontendSpec frontend = new FrontendSpec();
        NginxSpec nginxSpec = new NginxSpec();
        nginxSpec.setWorkerProcesses("4");
        nginxSpec.setGzip(false);
        nginxSpec.setKeepaliveTimeout(10);
        nginxSpec.setClientMaxBodySize("50M");
        frontend.setNginx(nginxSpec);
        custom.getSpec().setFrontend(frontend);
        assertThat(FrontendModel.nginxConf(custom)).contains("worker_processes 4;", "gzip off;",
                "keepalive_timeout 10;", "client_max_body_size 50M;");
        String checksum = deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(Checksums.CONFIG_ANNOTATION);
        assertThat(FrontendModel.deployment(custom).getSpec().getTemplate().getMetadata().getAnnotations()
                .get(Checksums.CONFIG_ANNOTATION)).isNotEqualTo(checksum);
    }

    @Test
    void probesAreHealthOn8080Every30sWithA5sTimeout() {
        for (var probe : new io.fabric8.kubernetes.api.model.Probe[] {nginx.getReadinessProbe(), nginx.getLivenessProbe()}) {
            assertThat(probe.getHttpGet().getPath()).isEqualTo("/health");
            assertThat(probe.getHttpGet().getPort().getIntVal()).isEqualTo(8080);
            assertThat(probe.getPeriodSeconds()).isEqualTo(30);
            assertThat(probe.getTimeoutSeconds()).isEqualTo(5);
        }
    }

    @Test
    void volumesAPerPodCacheAndTheRenderedConfig() {
        assertThat(mount(nginx, "/var/cache/nginx").getName()).isEqualTo("nginx-cache");
        assertThat(mount(nginx, "/etc/nginx/nginx.conf").getSubPath()).isEqualTo("nginx.conf");
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getConfigMap() != null
                && v.getConfigMap().getName().equals("fd-frontend-config")).isTrue());
        // A generic ephemeral volume: each pod gets a claim of its own, made and deleted with it.
        var cache = pod.getVolumes().stream().filter(v -> v.getName().equals("nginx-cache")).findFirst().orElseThrow();
        assertThat(cache.getPersistentVolumeClaim()).isNull();
        var template = cache.getEphemeral().getVolumeClaimTemplate();
        assertThat(template.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(template.getSpec().getResources().getRequests().get("storage"))
                .isEqualTo(new Quantity("1Gi"));
        assertThat(template.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "fd")
                .containsEntry("app.kubernetes.io/component", "frontend");
    }

    @Test
    void nginxLogsToStdoutAndStderrAndMountsNoSharedClaim() {
        assertThat(conf).contains("error_log /dev/stderr warn;", "access_log /dev/stdout main;");
        assertThat(conf).doesNotContain("/var/log/nginx");
        assertThat(nginx.getVolumeMounts()).noneMatch(m -> m.getMountPath().startsWith("/var/log"));
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getPersistentVolumeClaim()).as(v.getName()).isNull());
        // Nothing shared, so the pods may overlap while they roll.
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    }

    @Test
    void theCacheVolumeFollowsTheSpec() {
        FailDaily custom = FailDailies.of("shop", "fd");
        FrontendSpec frontend = new FrontendSpec();
        VolumeSpec cache = new VolumeSpec("3Gi");
        cache.setStorageClassName("fast");
        frontend.setCache(cache);
        frontend.setReplicas(4);
        custom.getSpec().setFrontend(frontend);
        Deployment scaled = FrontendModel.deployment(custom);
        var template = scaled.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("nginx-cache")).findFirst().orElseThrow().getEphemeral().getVolumeClaimTemplate();
        assertThat(template.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(template.getSpec().getResources().getRequests().get("storage"))
                .isEqualTo(new Quantity("3Gi"));
        assertThat(scaled.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    }

    @Test
    void runsAsUid1001() {
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1001L);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(nginx.getImage()).startsWith("nginxinc/nginx-unprivileged:");
    }

    @Test
    void serviceIsPort80To8080ClusterIpByDefault() {
        Service service = FrontendModel.service(fd);
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(80);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
            assertThat(p.getNodePort()).isNull();
        });
        assertThat(nginx.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });
    }

    @Test
    void serviceTypeAndNodePortAreConfigurable() {
        FailDaily custom = FailDailies.of("shop", "fd");
        FrontendSpec frontend = new FrontendSpec();
        ServiceSpec service = new ServiceSpec();
        service.setType(ServiceSpec.Type.NodePort);
        service.setNodePort(30080);
        frontend.setService(service);
        custom.getSpec().setFrontend(frontend);
        Service rendered = FrontendModel.service(custom);
        assertThat(rendered.getSpec().getType()).isEqualTo("NodePort");
        assertThat(rendered.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30080);
    }

    @Test
    void ingressRoutesTheHostToTheServiceWithTls() {
        FailDaily custom = FailDailies.of("shop", "fd");
        FrontendSpec frontend = new FrontendSpec();
        IngressSpec ingressSpec = new IngressSpec();
        ingressSpec.setHost("faildaily.example.com");
        ingressSpec.setClassName("nginx");
        ingressSpec.setTlsSecretName("tls");
        frontend.setIngress(ingressSpec);
        custom.getSpec().setFrontend(frontend);
        Ingress ingress = FrontendModel.ingress(custom);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("faildaily.example.com");
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
                .isEqualTo("fd-frontend");
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("tls");
        assertThat(AppUrl.of(custom)).isEqualTo("https://faildaily.example.com");
    }

    @Test
    void withoutAnImageNginxServesTheDefaultWebPageFromAConfigMap() {
        assertThat(mount(nginx, "/usr/share/nginx/html").getName()).isEqualTo("web");
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getConfigMap() != null
                && v.getConfigMap().getName().equals("fd-web")).isTrue());
        assertThat(FrontendModel.webConfigMap(fd).getData()).containsKeys("index.html", "app.js", "styles.css");
        assertThat(FrontendModel.webConfigMap(fd).getData().get("index.html")).contains("<title>FailDaily</title>");
    }

    @Test
    void withAnImageItsOwnContentIsServedWithTheSameNginxConf() {
        FailDaily custom = FailDailies.of("shop", "fd");
        FrontendSpec frontend = new FrontendSpec();
        frontend.setImage("registry.example/faildaily-angular:2.0");
        custom.getSpec().setFrontend(frontend);
        Container container = FrontendModel.deployment(custom).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example/faildaily-angular:2.0");
        assertThat(container.getVolumeMounts()).noneMatch(m -> m.getMountPath().equals("/usr/share/nginx/html"));
        assertThat(mount(container, "/etc/nginx/nginx.conf").getSubPath()).isEqualTo("nginx.conf");
        assertThat(FrontendModel.servesDefaultWebPage(custom)).isFalse();
    }

    @Test
    void xForwardedForIsTrustedOnlyFromListedProxies() {
        assertThat(conf).doesNotContain("set_real_ip_from").doesNotContain("real_ip_header");
        FailDaily custom = FailDailies.of("shop", "fd");
        FrontendSpec frontend = new FrontendSpec();
        NginxSpec nginxSpec = new NginxSpec();
        nginxSpec.setTrustedProxies(java.util.List.of("10.244.0.0/16", "fd00::/8"));
        frontend.setNginx(nginxSpec);
        custom.getSpec().setFrontend(frontend);
        assertThat(FrontendModel.nginxConf(custom)).contains("set_real_ip_from 10.244.0.0/16;", "set_real_ip_from fd00::/8;",
                "real_ip_header X-Forwarded-For;", "real_ip_recursive on;");
    }

    @Test
    void theBackendsOwnSecurityHeadersAreHiddenSoEachIsSentOnce() {
        assertThat(conf).contains("proxy_hide_header X-Frame-Options;", "proxy_hide_header X-Content-Type-Options;",
                "proxy_hide_header Referrer-Policy;");
    }

    @Test
    void theDefaultPageGetsTheStrictPolicyWhichAllowsOnlyAngularsStylesheetHandlerInline() {
        assertThat(FrontendModel.contentSecurityPolicy(fd)).isEqualTo(Defaults.CONTENT_SECURITY_POLICY);
        assertThat(conf).containsOnlyOnce("add_header Content-Security-Policy \"" + Defaults.CONTENT_SECURITY_POLICY
                + "\" always;");
        assertThat(Defaults.CONTENT_SECURITY_POLICY).contains("default-src 'self'", "object-src 'none'",
                "frame-ancestors 'self'", "script-src 'self' 'unsafe-hashes' 'sha256-")
                .doesNotContain("'unsafe-inline' 'unsafe-hashes'", "unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline");
        // The hash is the one of Angular's handler: nothing else inline may run.
        assertThat(Defaults.ANGULAR_STYLESHEET_ONLOAD_HASH).isEqualTo("'sha256-" + java.util.Base64.getEncoder().encodeToString(
                sha256(Defaults.ANGULAR_STYLESHEET_ONLOAD)) + "'");
    }

    @Test
    void anImageOfItsOwnGetsAPolicyThatForbidsNothingItLoads() {
        FailDaily custom = withFrontend(f -> f.setImage("registry.example/faildaily-angular:2.0"));
        assertThat(FrontendModel.contentSecurityPolicy(custom)).isEqualTo(Defaults.IMAGE_CONTENT_SECURITY_POLICY);
        assertThat(FrontendModel.nginxConf(custom)).containsOnlyOnce("add_header Content-Security-Policy \""
                + Defaults.IMAGE_CONTENT_SECURITY_POLICY + "\" always;");
        assertThat(Defaults.IMAGE_CONTENT_SECURITY_POLICY).doesNotContain("default-src", "script-src", "style-src",
                "img-src", "connect-src", "font-src");
        // The built-in image named in the spec still serves the operator's page, with its policy.
        FailDaily named = withFrontend(f -> f.setImage(Defaults.FRONTEND_IMAGE));
        assertThat(FrontendModel.contentSecurityPolicy(named)).isEqualTo(Defaults.CONTENT_SECURITY_POLICY);
    }

    @Test
    void thePolicyIsASettingAndEmptySendsNone() {
        FailDaily custom = withFrontend(f -> f.getNginx().setContentSecurityPolicy("default-src 'self' https://cdn.example"));
        assertThat(FrontendModel.nginxConf(custom))
                .containsOnlyOnce("add_header Content-Security-Policy \"default-src 'self' https://cdn.example\" always;");
        FailDaily none = withFrontend(f -> {
            f.setImage("registry.example/faildaily-angular:2.0");
            f.getNginx().setContentSecurityPolicy("");
        });
        String noneConf = FrontendModel.nginxConf(none);
        assertThat(noneConf).doesNotContain("add_header Content-Security-Policy")
                .contains("# No Content-Security-Policy: spec.frontend.nginx.contentSecurityPolicy is empty.");
        // Every other header stays, and the backend's own policy is still not passed on.
        for (String c : List.of(noneConf, FrontendModel.nginxConf(custom))) {
            assertThat(c).contains("add_header X-Frame-Options \"SAMEORIGIN\" always;",
                    "add_header X-Content-Type-Options \"nosniff\" always;",
                    "add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;",
                    "proxy_hide_header Content-Security-Policy;", "server_tokens off;");
        }
    }

    @Test
    void aPolicyChangeRollsTheFrontendPods() {
        FailDaily custom = withFrontend(f -> f.getNginx().setContentSecurityPolicy("default-src 'self'"));
        assertThat(FrontendModel.deployment(custom).getSpec().getTemplate().getMetadata().getAnnotations())
                .isNotEqualTo(deployment.getSpec().getTemplate().getMetadata().getAnnotations());
    }

    @Test
    void aPolicyNginxConfCannotCarryIsNeverRendered() {
        FailDaily broken = withFrontend(f -> f.getNginx().setContentSecurityPolicy("default-src 'self'\"; return 200 x; #"));
        assertThatThrownBy(() -> FrontendModel.nginxConf(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec.frontend.nginx.contentSecurityPolicy");
    }

    private static FailDaily withFrontend(java.util.function.Consumer<FrontendSpec> customise) {
        FrontendSpec frontend = new FrontendSpec();
        customise.accept(frontend);
        return FailDailies.of("shop", "fd", spec -> spec.setFrontend(frontend));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
