package io.faildaily.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faildaily-operator run | render}. */
@Command(name = "faildaily-operator", mixinStandardHelpOptions = true, version = "faildaily-operator 0.1.0",
        description = "Runs FailDaily on Kubernetes from one FailDaily object.",
        subcommands = {RunCommand.class, RenderCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 bad input, 2 bad usage). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
