package io.faildaily.operator.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a spec as usual, except one that could not be read: that one is written back exactly as it was
 * stored, so that a copy of the FailDaily (JOSDK clones through JSON) is as unreadable as the original
 * and never turns into a silently valid empty spec.
 */
public class SpecSerializer extends StdSerializer<FailDailySpec> {
    /** Reads the fields as SpecData lays them out (nothing registered: the spec holds plain values). */
    private static final ObjectMapper FIELDS = new ObjectMapper();

    public SpecSerializer() {
        super(FailDailySpec.class);
    }

    @Override
    public void serialize(FailDailySpec spec, JsonGenerator generator, SerializerProvider provider) throws IOException {
        if (spec.unreadableSource() != null) {
            generator.writeTree(spec.unreadableSource());
        } else {
            beanSerializer(provider).serialize(spec, generator, provider);
        }
    }

    /** A spec with nothing set, which FailDaily leaves out (see FailDaily#getSpec). */
    @Override
    public boolean isEmpty(SerializerProvider provider, FailDailySpec spec) {
        return spec == null || (spec.unreadableSource() == null && FIELDS.valueToTree(spec).isEmpty());
    }

    /** Schema generators (the CRD generator) see the plain bean. */
    @Override
    public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type) throws JsonMappingException {
        beanSerializer(visitor.getProvider()).acceptJsonFormatVisitor(visitor, type);
    }

    private static JsonSerializer<Object> beanSerializer(SerializerProvider provider) throws JsonMappingException {
        return provider.findValueSerializer(FailDailySpec.class);
    }
}
