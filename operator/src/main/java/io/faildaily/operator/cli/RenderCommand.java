package io.faildaily.operator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        description = "Print, as multi-document YAML, every object the operator would create for a FailDaily.")
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
            FailDaily fd = new FailDailyReader().read(readInput());
            List<HasMetadata> objects = Topology.of(fd, RandomStrings.secure());
            for (HasMetadata object : objects) {
                String yaml = Serialization.asYaml(object);
                out.print(yaml.startsWith("---") ? yaml : "---\n" + yaml);
            }
            out.flush();
            return 0;
        } catch (FailDailyReader.InvalidInput e) {
            err.println("error: " + file + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: " + file + ": cannot read: " + e.getMessage());
            return 1;
        }
    }

    private String readInput() throws IOException {
        if ("-".equals(file)) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
