package io.faildaily.backend.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonLineTest {
    @Test
    void writesOneObjectThatAJsonParserReadsBackExactly() throws Exception {
        String hostile = "quote \" backslash \\ newline \n tab \t bell \u0007 accent é emoji \uD83D\uDE00 </script>";
        String line = new JsonLine()
                .string("path", hostile)
                .string("userId", null)
                .number("status", 404)
                .number("durationMs", 12.34)
                .number("nan", Double.NaN)
                .string("we\"ird", "x")
                .toString();
        assertThat(line).doesNotContain("\n");
        JsonNode parsed = new ObjectMapper().readTree(line);
        assertThat(parsed.size()).isEqualTo(6);
        assertThat(parsed.path("path").asText()).isEqualTo(hostile);
        assertThat(parsed.get("userId").isNull()).isTrue();
        assertThat(parsed.path("status").asInt()).isEqualTo(404);
        assertThat(parsed.path("durationMs").asDouble()).isEqualTo(12.34);
        assertThat(parsed.get("nan").isNull()).isTrue();
        assertThat(parsed.path("we\"ird").asText()).isEqualTo("x");
    }

    @Test
    void anEmptyLineIsAnEmptyObject() {
        assertThat(new JsonLine().toString()).isEqualTo("{}");
    }
}
