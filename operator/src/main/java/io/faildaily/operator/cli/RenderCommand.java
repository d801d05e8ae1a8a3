package io.faildaily.operator.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.RandomStrings;
import io.faildaily.operator.model.Topology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints every object the operator would create for a FailDaily, without a cluster. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Print, as multi-document YAML, every object the operator would create for a FailDaily.",
                "",
                "The file holds exactly one FailDaily (UTF-8 YAML, at most 1 MiB). A file with several YAML "
                        + "documents is refused, never cut to the first one: split it and render each file.",
                "Any problem (not YAML, an unknown field, a wrong type, an invalid value) exits 1 with one line "
                        + "on stderr that names the file and the place in it.",
                "",
                "Default images and pull secrets come from the same environment variables as for 'run' "
                        + "(FAILDAILY_DEFAULT_*_IMAGE, FAILDAILY_IMAGE_REGISTRY, FAILDAILY_IMAGE_PULL_SECRETS; see "
                        + "'run --help'); a bad value exits 1 with one line naming the variable."})
final class RenderCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The FailDaily YAML file, or - for standard input.")
    String file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            EnvironmentImages.install(System.getenv());
        } catch (CliError e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
        try {
            FailDaily fd = new FailDailyReader().read(InputFile.read(file, System.in));
            List<HasMetadata> objects = Topology.of(fd, RandomStrings.secure());
            for (HasMetadata object : objects) {
                String yaml = Serialization.asYaml(object);
                out.print(yaml.startsWith("---") ? yaml : "---\n" + yaml);
            }
            out.flush();
            return 0;
        } catch (CliError e) {
            err.println("error: " + file + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
