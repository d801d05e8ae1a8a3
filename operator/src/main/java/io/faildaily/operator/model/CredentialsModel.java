package io.faildaily.operator.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.faildaily.operator.api.FailDaily;

/** The generated credentials: the seed's "[généré-automatiquement]" values. */
public final class CredentialsModel {
    public static final int PASSWORD_LENGTH = 32;
    public static final int JWT_SECRET_LENGTH = 64;

    private CredentialsModel() {}

    public static Secret secret(FailDaily fd, RandomStrings random) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(Names.SECRET_ROOT_PASSWORD, base64(random.next(PASSWORD_LENGTH)));
        data.put(Names.SECRET_PASSWORD, base64(random.next(PASSWORD_LENGTH)));
        data.put(Names.SECRET_JWT, base64(random.next(JWT_SECRET_LENGTH)));
        return new SecretBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.CREDENTIALS))
                .withType("Opaque")
                // data, not stringData: what we write is what the API server stores, so nothing differs.
                .withData(data)
                .build();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
