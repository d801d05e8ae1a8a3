package io.faildaily.operator.stack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/**
 * A container's environment as the operator renders it, resolved the way the kubelet would: plain values as
 * they are, {@code secretKeyRef}s from the given Secret. Then only named variables may be changed, and only
 * variables that are there ({@link #substitute}), so a test states exactly what differs on one machine.
 */
final class RenderedEnv {
    private final Map<String, String> values = new LinkedHashMap<>();

    private RenderedEnv() {}

    /** Resolved against the given Secrets (the generated credentials, a user's object-store keys), by name. */
    static RenderedEnv resolve(List<EnvVar> rendered, Secret... secrets) {
        RenderedEnv env = new RenderedEnv();
        for (EnvVar var : rendered) {
            String value;
            if (var.getValueFrom() == null) {
                value = var.getValue() == null ? "" : var.getValue();
            } else {
                SecretKeySelector ref = var.getValueFrom().getSecretKeyRef();
                if (ref == null) {
                    throw new IllegalStateException(var.getName() + ": only secretKeyRef is resolved here, got "
                            + var.getValueFrom());
                }
                Secret secret = Arrays.stream(secrets).filter(s -> ref.getName().equals(s.getMetadata().getName()))
                        .findFirst().orElseThrow(() -> new IllegalStateException(var.getName() + " refers to Secret "
                                + ref.getName() + ", not to one of " + Arrays.stream(secrets)
                                .map(s -> s.getMetadata().getName()).toList()));
                String encoded = secret.getData().get(ref.getKey());
                if (encoded == null) {
                    throw new IllegalStateException(var.getName() + ": the Secret has no key " + ref.getKey());
                }
                value = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            }
            if (env.values.put(var.getName(), value) != null) {
                throw new IllegalStateException(var.getName() + " is rendered twice");
            }
        }
        return env;
    }

    /** Replaces a rendered variable; refuses a name the operator does not render. */
    RenderedEnv substitute(String name, String value) {
        if (!values.containsKey(name)) {
            throw new IllegalStateException(name + " is not in the rendered environment " + values.keySet());
        }
        values.put(name, value);
        return this;
    }

    /** Adds a variable the operator does not render (test-speed knobs, the pod's implicit values). */
    RenderedEnv add(String name, String value) {
        if (values.containsKey(name)) {
            throw new IllegalStateException(name + " is rendered: substitute it instead");
        }
        values.put(name, value);
        return this;
    }

    String get(String name) {
        return values.get(name);
    }

    Map<String, String> toMap() {
        return new LinkedHashMap<>(values);
    }
}
