package io.faildaily.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.api.DefaultImages;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.ImagePullSecret;
import io.faildaily.operator.testing.EveryObject;
import io.faildaily.operator.testing.InstalledDefaultImages;
import io.faildaily.operator.testing.PodTemplates;
import org.junit.jupiter.api.Test;

/**
 * Where every pod of a FailDaily pulls its images from: the spec, else the operator's defaults (built in, or
 * from its environment), with the same pull secrets on every pod template.
 */
class ImageSourcesTest {
    static final String MIRROR = "registry.internal:5000/mirror";

    /** Every pod template of a FailDaily with backups, an on-demand backup and a restore. */
    private static Map<String, PodTemplateSpec> podTemplates(FailDaily fd) {
        Map<String, PodTemplateSpec> templates = PodTemplates.of(Topology.of(fd, RandomStrings.secure()));
        assertThat(templates.keySet()).as("database, backend, frontend, backup and drill CronJobs, backup-now and restore Jobs")
                .hasSize(7).anyMatch(k -> k.startsWith("StatefulSet/")).anyMatch(k -> k.startsWith("CronJob/"))
                .filteredOn(k -> k.startsWith("Job/")).hasSize(2);
        return templates;
    }

    private static List<String> pullSecrets(PodTemplateSpec template) {
        return template.getSpec().getImagePullSecrets().stream().map(LocalObjectReference::getName).toList();
    }

    private static String image(PodTemplateSpec template) {
        return template.getSpec().getContainers().get(0).getImage();
    }

    @Test
    void everyPodTemplateCarriesTheSpecsPullSecrets() {
        FailDaily fd = EveryObject.failDaily("shop", "fd");
        fd.getSpec().setImagePullSecrets(List.of(ImagePullSecret.named("regcred"), ImagePullSecret.named("mirror")));
        podTemplates(fd).forEach((name, template) ->
                assertThat(pullSecrets(template)).as(name).containsExactly("regcred", "mirror"));
    }

    @Test
    void withoutPullSecretsAPodSpecHasNoSuchField() {
        FailDaily fd = EveryObject.failDaily("shop", "fd");
        podTemplates(fd).forEach((name, template) -> {
            assertThat(pullSecrets(template)).as(name).isEmpty();
            assertThat(Serialization.asJson(template)).as(name).doesNotContain("imagePullSecrets");
        });
    }

    @Test
    void theOperatorsPullSecretsServeASpecWithoutAny() {
        try (var installed = InstalledDefaultImages.fromEnvironment(Map.of(DefaultImages.PULL_SECRETS, "corp-pull,mirror-pull"))) {
            podTemplates(EveryObject.failDaily("shop", "fd")).forEach((name, template) ->
                    assertThat(pullSecrets(template)).as(name).containsExactly("corp-pull", "mirror-pull"));

            FailDaily own = EveryObject.failDaily("shop", "own");
            own.getSpec().setImagePullSecrets(List.of(ImagePullSecret.named("team-pull")));
            podTemplates(own).forEach((name, template) ->
                    assertThat(pullSecrets(template)).as("the spec's list wins: %s", name).containsExactly("team-pull"));

            FailDaily none = EveryObject.failDaily("shop", "none");
            none.getSpec().setImagePullSecrets(List.of());
            podTemplates(none).forEach((name, template) ->
                    assertThat(pullSecrets(template)).as("[] asks for none: %s", name).isEmpty());
        }
    }

    @Test
    void defaultImagesComeFromTheOperatorsEnvironment() {
        try (var installed = InstalledDefaultImages.fromEnvironment(Map.of(DefaultImages.REGISTRY, MIRROR,
                DefaultImages.BACKEND, "harbor.corp/apps/faildaily-backend:0.1.0"))) {
            FailDaily fd = EveryObject.failDaily("shop", "fd");
            Map<String, PodTemplateSpec> templates = podTemplates(fd);
            templates.forEach((name, template) -> {
                String expected = name.equals("Deployment/fd-backend") ? "harbor.corp/apps/faildaily-backend:0.1.0"
                        : name.equals("Deployment/fd-frontend") ? MIRROR + "/nginxinc/nginx-unprivileged:1.28.0-alpine"
                        : MIRROR + "/library/mysql:8.0.43"; // the database and the Jobs that dump and restore it
                assertThat(image(template)).as(name).isEqualTo(expected);
            });
            assertThat(FrontendModel.servesDefaultWebPage(fd)).as("the mirrored nginx serves the operator's page").isTrue();
            assertThat(Topology.of(fd, RandomStrings.secure())).extracting(o -> o.getMetadata().getName()).contains("fd-web");

            String spec = Serialization.asJson(fd.getSpec());
            assertThat(spec).as("defaults are never written into the FailDaily").doesNotContain("image", MIRROR);
        }
        assertThat(image(podTemplates(EveryObject.failDaily("shop", "fd")).get("StatefulSet/fd-database")))
                .as("the built-in defaults are back").isEqualTo(Defaults.DATABASE_IMAGE);
    }

    @Test
    void theSpecsImagesWinOverTheOperatorsDefaults() {
        try (var installed = InstalledDefaultImages.fromEnvironment(Map.of(DefaultImages.REGISTRY, MIRROR,
                DefaultImages.FRONTEND, "registry.internal:5000/nginx:1.29"))) {
            FailDaily fd = EveryObject.failDaily("shop", "fd");
            fd.getSpec().getDatabase().setImage("mysql:8.4.4");
            fd.getSpec().getBackend().setImage("registry.example/faildaily-backend:node");
            fd.getSpec().getFrontend().setImage("registry.example/faildaily-angular:2.0");
            podTemplates(fd).forEach((name, template) -> {
                String expected = name.equals("Deployment/fd-backend") ? "registry.example/faildaily-backend:node"
                        : name.equals("Deployment/fd-frontend") ? "registry.example/faildaily-angular:2.0"
                        : "mysql:8.4.4";
                assertThat(image(template)).as(name).isEqualTo(expected);
            });
            assertThat(FrontendModel.servesDefaultWebPage(fd)).as("an image with its own web application").isFalse();

            FailDaily builtIn = EveryObject.failDaily("shop", "builtin");
            builtIn.getSpec().getFrontend().setImage(Defaults.FRONTEND_IMAGE);
            assertThat(FrontendModel.servesDefaultWebPage(builtIn)).as("the built-in nginx, named in the spec").isTrue();
            List<HasMetadata> objects = Topology.of(builtIn, RandomStrings.secure());
            assertThat(objects).extracting(o -> o.getMetadata().getName()).contains("builtin-web");
        }
    }
}
