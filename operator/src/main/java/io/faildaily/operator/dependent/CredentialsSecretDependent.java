package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.CredentialsModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.faildaily.operator.model.RandomStrings;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The generated credentials. Create-only: once written, the passwords are what the database was
 * initialised with, so the operator never rewrites them. Not owned by the FailDaily, for the same reason
 * as the volumes: they share one lifecycle.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_CREDENTIALS))
public class CredentialsSecretDependent extends KubernetesDependentResource<Secret, FailDaily>
        implements Creator<Secret, FailDaily> {
    public static final String NAME = "credentials";

    private final RandomStrings random = RandomStrings.secure();

    public CredentialsSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(FailDaily primary, Context<FailDaily> context) {
        return CredentialsModel.secret(primary, random);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(FailDaily primary, Context<FailDaily> context) {
        return ChildIds.of(primary, Part.CREDENTIALS);
    }
}
