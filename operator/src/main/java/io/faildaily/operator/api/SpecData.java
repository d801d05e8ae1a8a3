package io.faildaily.operator.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A part of the spec as the user wrote it. JSON (the API server, JOSDK's copies, the CRD generator) sees
 * the fields, never the getters: the getters are the operator's reading of the spec, with
 * {@link Defaults} filled in, and a default must never be written back. A FailDaily sent to the API
 * server (JOSDK's finalizer apply, a status patch) so carries only what the user set, or no spec at all.
 * A section getter ({@code getBackend()}) creates the section, empty, on first use, so that a caller can
 * set fields in it; an empty section holds no value, default or other.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@JacksonAnnotationsInside
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public @interface SpecData {}
