package io.faildaily.operator.reconciler;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.dependent.CredentialsSecretDependent;
import io.faildaily.operator.dependent.Secondaries;
import io.faildaily.operator.model.Names;
import io.faildaily.operator.model.Part;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Stops the operator from generating new passwords that cannot open existing data: when the credentials
 * Secret is gone but the database volume, initialised with the old passwords, is still there.
 */
final class CredentialsGuard {
    private CredentialsGuard() {}

    /** What is wrong and how to recover, or empty when the workflow may run. */
    static Optional<String> problem(FailDaily fd, Context<FailDaily> context) {
        if (!fd.getSpec().getDatabase().inCluster()) {
            return Optional.empty();
        }
        boolean secretExists = Secondaries.of(context, Secret.class, CredentialsSecretDependent.NAME).isPresent();
        if (secretExists) {
            return Optional.empty();
        }
        String claim = Names.databaseClaim(fd);
        boolean dataExists = context.getSecondaryResourcesAsStream(PersistentVolumeClaim.class)
                .anyMatch(pvc -> claim.equals(pvc.getMetadata().getName()));
        if (!dataExists) {
            return Optional.empty();
        }
        String secret = Names.of(fd, Part.CREDENTIALS);
        return Optional.of("the Secret " + secret + " is missing, but the database volume " + claim
                + " still holds data initialised with its passwords; new passwords could not open it, so nothing"
                + " is changed. To recover, re-create " + secret + " with its keys " + Names.SECRET_ROOT_PASSWORD + ", "
                + Names.SECRET_PASSWORD + " and " + Names.SECRET_JWT + " (from your copy of it); or, to start over"
                + " WITHOUT the data, delete the PersistentVolumeClaim " + claim + ".");
    }
}
