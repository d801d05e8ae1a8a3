package io.faildaily.operator.model;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;

/**
 * Every object a FailDaily asks for, in the seed's start order. {@code render} prints this list; the
 * reconciler's dependents build the same objects one by one from the same model classes.
 */
public final class Topology {
    private Topology() {}

    public static List<HasMetadata> of(FailDaily fd, RandomStrings random) {
        FailDailySpec spec = fd.getSpec();
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(CredentialsModel.secret(fd, random));
        if (spec.getDatabase().inCluster()) {
            objects.add(DatabaseModel.configMap(fd));
            objects.add(DatabaseModel.service(fd));
            objects.add(DatabaseModel.statefulSet(fd));
        }
        objects.add(VolumeModel.uploads(fd));
        objects.add(VolumeModel.logs(fd));
        objects.add(BackendModel.service(fd));
        objects.add(BackendModel.deployment(fd));
        if (AutoscalerModel.backendWanted(fd)) {
            objects.add(AutoscalerModel.backend(fd));
        }
        if (DisruptionBudgetModel.backendWanted(fd)) {
            objects.add(DisruptionBudgetModel.backend(fd));
        }
        objects.add(FrontendModel.configMap(fd));
        if (FrontendModel.servesDefaultWebPage(fd)) {
            objects.add(FrontendModel.webConfigMap(fd));
        }
        objects.add(FrontendModel.service(fd));
        objects.add(FrontendModel.deployment(fd));
        if (AutoscalerModel.frontendWanted(fd)) {
            objects.add(AutoscalerModel.frontend(fd));
        }
        if (DisruptionBudgetModel.frontendWanted(fd)) {
            objects.add(DisruptionBudgetModel.frontend(fd));
        }
        if (spec.getFrontend().getIngress() != null) {
            objects.add(FrontendModel.ingress(fd));
        }
        objects.add(BackupModel.claim(fd));
        if (spec.getDatabase().inCluster()) {
            objects.add(BackupModel.scripts(fd));
            if (spec.getBackup().getEnabled()) {
                objects.add(BackupModel.cronJob(fd));
            }
            if (BackupModel.verifyWanted(fd)) {
                objects.add(BackupModel.verifyCronJob(fd));
            }
            if (BackupModel.backupNowPending(fd)) {
                objects.add(BackupModel.backupNowJob(fd));
            }
            if (BackupModel.restorePending(fd)) {
                objects.add(BackupModel.restoreJob(fd));
            }
        }
        if (spec.getNetworkPolicies().getEnabled()) {
            objects.add(NetworkPolicyModel.defaultDeny(fd));
            objects.add(NetworkPolicyModel.frontend(fd));
            objects.add(NetworkPolicyModel.backend(fd));
            if (spec.getDatabase().inCluster()) {
                objects.add(NetworkPolicyModel.database(fd));
            }
        }
        return objects;
    }
}
