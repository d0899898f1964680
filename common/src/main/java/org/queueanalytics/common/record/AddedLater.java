package org.queueanalytics.common.record;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a count or time of {@link QueueIntervalRecord} added to schema version 1 after records
 * were already written without it: on input, absent (or null) reads as 0, so that a replay of
 * older records still loads. Every other number refuses null ({@link RecordJson}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@JacksonAnnotationsInside
@JsonSetter(nulls = Nulls.AS_EMPTY)
@interface AddedLater {
}
