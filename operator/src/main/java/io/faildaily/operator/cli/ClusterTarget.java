package io.faildaily.operator.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.Config;

/**
 * The cluster {@code run} talks to, resolved the way fabric8 resolves it (KUBECONFIG or ~/.kube/config, its
 * current context, else the in-cluster service account), together with the words that tell a person which
 * API server, kubeconfig file and context were tried. A kubeconfig fabric8 cannot read becomes one line
 * naming the file and, for a YAML error, the line and column.
 */
record ClusterTarget(Config config, String apiServer, String kubeconfig, String context) {
    private static final String UNKNOWN = "unknown";

    static ClusterTarget resolve() throws CliError {
        Collection<String> files = Config.getKubeconfigFilenames();
        Config config;
        try {
            config = Config.autoConfigure(null);
        } catch (RuntimeException e) { // SnakeYAML, Jackson or fabric8 exceptions, depending on what is wrong
            List<Path> existing = existing(files);
            String kubeconfig = existing.isEmpty() ? String.join(File.pathSeparator, files) : join(existing);
            throw new CliError(whyUnreadable(existing, e) + " (" + describe(UNKNOWN, kubeconfig, UNKNOWN) + ")");
        }
        String context = config.getCurrentContext() == null ? "none" : config.getCurrentContext().getName();
        return new ClusterTarget(config, config.getMasterUrl(), kubeconfig(config, files), context);
    }

    /** "API server URL, kubeconfig FILE, context NAME": what was tried, for every message and the start-up log. */
    String describe() {
        return describe(apiServer, kubeconfig, context);
    }

    private static String describe(String apiServer, String kubeconfig, String context) {
        return "API server " + apiServer + ", kubeconfig " + kubeconfig + ", context " + context;
    }

    private static String kubeconfig(Config config, Collection<String> files) {
        if (config.getFile() != null) {
            List<Path> existing = existing(files);
            return existing.isEmpty() ? config.getFile().getAbsolutePath() : join(existing);
        }
        String named = files.isEmpty() ? "none" : String.join(File.pathSeparator, files) + " (not found)";
        boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null
                || Files.isRegularFile(Path.of(Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH));
        return inCluster ? named + "; in-cluster service account" : named;
    }

    private static List<Path> existing(Collection<String> files) {
        return files.stream().map(Path::of).filter(Files::isRegularFile).map(Path::toAbsolutePath).toList();
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Why fabric8 could not read the kubeconfig. Its own messages are multi-line SnakeYAML dumps or Jackson
     * type errors, so the files are parsed again here to name the first syntax error's place.
     */
    private static String whyUnreadable(List<Path> files, RuntimeException e) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Path file : files) {
            try {
                yaml.readTree(Files.readString(file));
            } catch (JsonProcessingException syntax) {
                return "kubeconfig " + file + " is not valid YAML at " + YamlSyntax.describe(syntax);
            } catch (IOException | RuntimeException unreadable) {
                return "cannot read kubeconfig " + file + ": " + OneLine.of(unreadable.getMessage());
            }
        }
        String what = files.isEmpty() ? "the kubeconfig" : "kubeconfig " + join(files);
        return "cannot use " + what + ": " + OneLine.of(e.getMessage());
    }
}
