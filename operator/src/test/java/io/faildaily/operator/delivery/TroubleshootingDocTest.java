package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every condition reason the operator can write is explained in the README's Troubleshooting table, read
 * from the code that writes them, so that a new reason without a row fails here.
 */
class TroubleshootingDocTest {
    private static final String RECONCILER = "operator/src/main/java/io/faildaily/operator/reconciler/";
    /** Two or more capitalised words: the shape of a reason, as in "ImagePullBackOff". */
    private static final Pattern LITERAL = Pattern.compile("\"([A-Z][a-z]+(?:[A-Z][A-Za-z]*)+)\"");
    private static final Pattern CONSTANT = Pattern.compile("static final String [A-Z_]+ = \"([A-Z][A-Za-z]+)\"");

    @Test
    void everyReasonTheStatusCanShowHasARow() {
        Set<String> reasons = new TreeSet<>();
        // The status: every such literal in StatusAggregator is a reason (condition types are constants).
        collect(LITERAL, Repo.read(RECONCILER + "StatusAggregator.java"), reasons);
        for (String file : java.util.List.of("StatusAggregator.java", "PodProblems.java", "DeploymentTrouble.java")) {
            collect(CONSTANT, Repo.read(RECONCILER + file), reasons);
        }
        reasons.add("ReconcileError"); // FailDailyReconciler.updateErrorStatus
        assertThat(reasons).as("read from the code").contains("ImagePullBackOff", "RollingOut", "InvalidSpec",
                "StatefulSetNotReady", "StuckInContainerCreating", "FailedCreate", "WaitingForDatabase");

        String section = ReadmeDeliveryTest.section("troubleshooting");
        assertThat(reasons).allSatisfy(reason -> assertThat(section).as("README Troubleshooting explains %s", reason)
                .contains("`" + reason + "`"));
    }

    private static void collect(Pattern pattern, String source, Set<String> into) {
        Matcher m = pattern.matcher(source);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
