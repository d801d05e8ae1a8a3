package io.faildaily.operator.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Where and what a YAML syntax error is, as "line L, column C: problem". SnakeYAML knows the exact place of
 * the problem; Jackson's own location is where its parser stood, which is only a fallback.
 */
final class YamlSyntax {
    private YamlSyntax() {}

    static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": " + yaml.getProblem();
        }
        return at(e.getLocation()) + OneLine.of(e.getOriginalMessage());
    }

    /** " (line L, column C)" for a place in the file, or nothing when it is unknown. */
    static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }
}
