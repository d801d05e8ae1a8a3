package io.faildaily.backend.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper.Builder;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/** The one Jackson configuration of the backend (requests, responses, logs, tokens). */
public final class JsonMapper {
    private JsonMapper() {}

    public static ObjectMapper create() {
        Builder b = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Property access through generated lambdas instead of reflection: writing the feed's records by
                // reflection was the largest part of Jackson's share of a feed request.
                .addModule(new BlackbirdModule());
        ObjectMapper mapper = b.build();
        // Hostile bodies (deep nesting, giant numbers) fail fast as a 400 instead of burning CPU or stack.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxNumberLength(100)
                .maxStringLength(5_000_000)
                .build());
        return mapper;
    }
}
