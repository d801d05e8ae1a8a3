package io.faildaily.operator.model;

import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.IngressSpec;
import io.faildaily.operator.api.ServiceSpec;

/** Where users reach a FailDaily: its Ingress host when it has one, else the frontend Service. */
public final class AppUrl {
    private AppUrl() {}

    public static String of(FailDaily fd) {
        IngressSpec ingress = fd.getSpec().getFrontend().getIngress();
        if (ingress != null && ingress.getHost() != null) {
            return (ingress.getTlsSecretName() != null ? "https://" : "http://") + ingress.getHost();
        }
        ServiceSpec service = fd.getSpec().getFrontend().getService();
        String host = Names.of(fd, Part.FRONTEND) + "." + fd.getMetadata().getNamespace() + ".svc";
        return "http://" + host + (service.getPort() == 80 ? "" : ":" + service.getPort());
    }
}
