package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{}",
            "{\"results\":[]}",
            "{\"results\":[{\"group\":{\"queueId\":\"q\",\"mediaType\":\"voice\"},\"data\":[]}]}",
            "{\"results\":[{\"group\":{\"queueId\":\"q\"}}],\"extra\":1}"})
    void anAggregatesAnswerWithAResultsArrayOrExactlyAnEmptyObjectIsWellFormed(String answer) throws Exception {
        assertThat(AnswerShape.AGGREGATES.problem(json(answer))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "[]",
            "\"text\"",
            "{\"results\":{}}",
            "{\"results\":null}",
            "{\"entities\":[]}",
            "{\"results\":[42]}",
            "{\"results\":[{\"group\":{},\"data\":{}}]}"})
    void anAggregatesAnswerOfAnyOtherShapeIsMalformed(String answer) throws Exception {
        assertThat(AnswerShape.AGGREGATES.problem(json(answer))).isPresent();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{\"entities\":[],\"pageNumber\":1,\"pageCount\":0}",
            "{\"entities\":[{\"id\":\"q\",\"name\":\"Q\"}],\"pageNumber\":1,\"pageCount\":3}"})
    void aQueuePageWithEntitiesAndPageCountIsWellFormed(String answer) throws Exception {
        assertThat(AnswerShape.QUEUE_PAGE.problem(json(answer))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{}",
            "{\"entities\":[],\"pageNumber\":1}",
            "{\"pageNumber\":1,\"pageCount\":1}",
            "{\"entities\":{},\"pageCount\":1}",
            "{\"entities\":[],\"pageCount\":\"1\"}",
            "{\"entities\":[],\"pageCount\":null}",
            "[]"})
    void aQueuePageWithoutAnEntitiesArrayOrAPageCountIsMalformed(String answer) throws Exception {
        assertThat(AnswerShape.QUEUE_PAGE.problem(json(answer))).isPresent();
    }
}
