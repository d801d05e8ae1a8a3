package io.faildaily.operator.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The repository's files, as the tests of the delivery (chart, images, kind, examples) read them. */
final class Repo {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The checked-in CRD, named by the FailDaily version it serves (see CrdFileTest). */
    static final String CRD = "crds/faildailies.faildaily.io-v1alpha1.yml";
    static final String CRD_FILE_NAME = CRD.substring(CRD.indexOf('/') + 1);

    private Repo() {}

    static Path root() {
        String root = System.getProperty("faildaily.repoRoot");
        Path path = root != null ? Path.of(root) : Path.of("..");
        return path.toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static Path chart() {
        return path("helm/faildaily-operator");
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String relative) {
        return yamlOf(read(relative));
    }

    static JsonNode yamlOf(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of a multi-document YAML text. */
    static List<JsonNode> documents(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && node.isObject() && !node.isEmpty()) {
                    documents.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }
}
