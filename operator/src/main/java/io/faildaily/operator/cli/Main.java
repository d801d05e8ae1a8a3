package io.faildaily.operator.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faildaily-operator run | render | object-store}. */
@Command(name = "faildaily-operator", mixinStandardHelpOptions = true, version = "faildaily-operator 0.1.0",
        description = "Runs FailDaily on Kubernetes from one FailDaily object.",
        subcommands = {RunCommand.class, RenderCommand.class, ObjectStoreCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 bad input or cannot start, 2 bad usage). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command line with one-line error reporting: picocli's defaults print the whole usage after a bad
     * option and a stack trace after an unexpected exception; here both are one line on stderr.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("error: " + OneLine.of(e.getMessage()) + " (see '"
                    + command.getCommandSpec().qualifiedName() + " --help')");
            command.getErr().flush();
            return command.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
            LoggerFactory.getLogger(Main.class).debug("unexpected failure", e);
            command.getErr().println("error: unexpected " + e.getClass().getSimpleName() + ": " + OneLine.of(e.getMessage())
                    + " (FAILDAILY_LOG_LEVEL=DEBUG logs the stack trace)");
            command.getErr().flush();
            return command.getCommandSpec().exitCodeOnExecutionException();
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
