package io.faildaily.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/** The whole set of children: names, labels, volumes, credentials, and no secret in plain sight. */
class TopologyTest {
    private final FailDaily fd = FailDailies.of("shop", "fd");
    private final RandomStrings counting = new RandomStrings() {
        private int calls;

        @Override
        public String next(int length) {
            calls++;
            return String.valueOf((char) ('a' + calls)).repeat(length);
        }
    };
    private final List<HasMetadata> objects = Topology.of(fd, counting);

    @Test
    void everyChildIsNamedAfterItsFailDailyAndCarriesTheRecommendedLabels() {
        assertThat(objects).allSatisfy(o -> {
            assertThat(o.getMetadata().getName()).startsWith("fd-");
            assertThat(o.getMetadata().getNamespace()).isEqualTo("shop");
            assertThat(o.getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/name", "faildaily")
                    .containsEntry("app.kubernetes.io/instance", "fd")
                    .containsEntry("app.kubernetes.io/managed-by", "faildaily-operator")
                    .containsEntry("app.kubernetes.io/part-of", "faildaily")
                    .containsKey("app.kubernetes.io/component");
            assertThat(o.getMetadata().getLabels().get("app.kubernetes.io/component"))
                    .isIn("database", "backend", "frontend", "backup");
        });
    }

    @Test
    void theSeedsNamedVolumesBecomeClaims() {
        assertThat(claim("fd-uploads").getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("5Gi"));
        assertThat(claim("fd-logs").getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("2Gi"));
        assertThat(claim("fd-uploads").getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        // nginx-cache is a claim per pod, in the frontend's pod template (FrontendModelTest), not one they share.
        assertThat(objects).noneMatch(o -> o.getMetadata().getName().equals("fd-nginx-cache"));
    }

    @Test
    void credentialsAreGeneratedWithALongJwtSecret() {
        Secret secret = (Secret) objects.get(0);
        assertThat(secret.getMetadata().getName()).isEqualTo("fd-credentials");
        assertThat(secret.getData()).containsOnlyKeys(Names.SECRET_ROOT_PASSWORD, Names.SECRET_PASSWORD, Names.SECRET_JWT);
        String jwt = decode(secret.getData().get(Names.SECRET_JWT));
        assertThat(jwt.length()).isGreaterThanOrEqualTo(32);
        assertThat(decode(secret.getData().get(Names.SECRET_ROOT_PASSWORD)))
                .isNotEqualTo(decode(secret.getData().get(Names.SECRET_PASSWORD)));
    }

    @Test
    void secureRandomCredentialsDifferEachTime() {
        Secret one = CredentialsModel.secret(fd, RandomStrings.secure());
        Secret two = CredentialsModel.secret(fd, RandomStrings.secure());
        assertThat(one.getData().get(Names.SECRET_PASSWORD)).isNotEqualTo(two.getData().get(Names.SECRET_PASSWORD));
        assertThat(decode(one.getData().get(Names.SECRET_PASSWORD))).matches("[A-Za-z0-9]{32}");
    }

    @Test
    void noGeneratedValueAppearsOutsideTheSecret() {
        Secret secret = (Secret) objects.get(0);
        List<String> values = secret.getData().values().stream().map(TopologyTest::decode).toList();
        for (HasMetadata o : objects.subList(1, objects.size())) {
            String yaml = Serialization.asYaml(o);
            for (String value : values) {
                assertThat(yaml).as(o.getKind() + " " + o.getMetadata().getName()).doesNotContain(value);
            }
        }
    }

    @Test
    void theSeedsStartOrderIsTheListOrder() {
        List<String> kinds = objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
        assertThat(kinds.indexOf("StatefulSet/fd-database")).isLessThan(kinds.indexOf("Deployment/fd-backend"));
        assertThat(kinds.indexOf("Deployment/fd-backend")).isLessThan(kinds.indexOf("Deployment/fd-frontend"));
    }

    private PersistentVolumeClaim claim(String name) {
        return objects.stream().filter(o -> o instanceof PersistentVolumeClaim && o.getMetadata().getName().equals(name))
                .map(PersistentVolumeClaim.class::cast).findFirst().orElseThrow();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
