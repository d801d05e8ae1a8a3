package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * One Jackson in the operator: jackson-databind from one release and jackson-core from another (a nearer
 * dependency's pick winning Maven's "nearest first") fail at run time, in ways no compiler sees. The parent
 * pom imports jackson-bom at fabric8's version for that. Checked on the test class path, a superset of what
 * the shaded jar bundles resolved the same way (the jar itself is built only after the tests).
 */
class OneJacksonVersionTest {
    private static final Pattern JACKSON_POM = Pattern.compile("META-INF/maven/(com\\.fasterxml\\.jackson[^/]*)/([^/]+)/pom\\.properties");

    @Test
    void everyJacksonArtifactIsFromOneRelease() throws IOException {
        Map<String, String> versions = jacksonVersions();
        assertThat(versions).as("Jackson on the class path").containsKeys(
                "com.fasterxml.jackson.core:jackson-core", "com.fasterxml.jackson.core:jackson-databind",
                "com.fasterxml.jackson.core:jackson-annotations", "com.fasterxml.jackson.dataformat:jackson-dataformat-yaml");
        // jackson-annotations is versioned 2.N (no patch) since 2.20; the others 2.N.P of the same 2.N.
        assertThat(versions.values().stream().map(OneJacksonVersionTest::minor).distinct())
                .as("one Jackson minor release: %s", versions).hasSize(1);
        assertThat(versions.entrySet().stream().filter(e -> !e.getKey().endsWith(":jackson-annotations"))
                .map(Map.Entry::getValue).distinct())
                .as("one Jackson release: %s", versions).hasSize(1);
    }

    /** groupId:artifactId to version, from each jar's META-INF/maven/.../pom.properties. */
    static Map<String, String> jacksonVersions() throws IOException {
        Map<String, String> versions = new TreeMap<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry pom : zip.stream().filter(e -> JACKSON_POM.matcher(e.getName()).matches()).toList()) {
                    Properties properties = new Properties();
                    try (InputStream in = zip.getInputStream(pom)) {
                        properties.load(in);
                    }
                    Matcher name = JACKSON_POM.matcher(pom.getName());
                    name.matches();
                    String previous = versions.put(name.group(1) + ":" + name.group(2), properties.getProperty("version"));
                    assertThat(previous).as("%s twice on the class path", name.group(2))
                            .isIn(null, properties.getProperty("version"));
                }
            }
        }
        return versions;
    }

    private static String minor(String version) {
        return Pattern.compile("\\.").splitAsStream(version).limit(2).collect(Collectors.joining("."));
    }
}
