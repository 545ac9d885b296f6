package com.example.credit.batch.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.batch.FilterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonPathTests {

    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final JsonNode RECORD = MAPPER.readTree(
            "{\"row_id\":\"a1\",\"features\":{\"amount\":1000,\"purpose\":\"new_car\"},\"SageMakerOutput\":{\"prediction\":0.25}}");
    private static final JsonNode ROW = MAPPER.readTree("[\"id-7\",\"12\",\"new_car\",\"3\",\"0.31\"]");

    private static String apply(String path, JsonNode node) {
        return MAPPER.writeValueAsString(JsonPath.parse(path).apply(node));
    }

    @Test
    void rootSelectsTheWholeRecord() {
        assertThat(JsonPath.parse("$").isRoot()).isTrue();
        assertThat(JsonPath.parse("$").apply(RECORD)).isSameAs(RECORD);
    }

    @Test
    void dotAndBracketChildrenSelectNestedValues() {
        assertThat(apply("$.features.amount", RECORD)).isEqualTo("1000");
        assertThat(apply("$['SageMakerOutput'].prediction", RECORD)).isEqualTo("0.25");
        assertThat(apply("$[\"row_id\"]", RECORD)).isEqualTo("\"a1\"");
    }

    @Test
    void severalQuotedNamesSelectAnObjectWithThoseKeysInThatOrder() {
        assertThat(apply("$['SageMakerOutput', 'row_id']", RECORD))
                .isEqualTo("{\"SageMakerOutput\":{\"prediction\":0.25},\"row_id\":\"a1\"}");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "$[0]|\"id-7\"",
                "$[-1]|\"0.31\"",
                "$[1,3]|[\"12\",\"3\"]",
                "$[0:2]|[\"id-7\",\"12\",\"new_car\"]",
                "$[1:]|[\"12\",\"new_car\",\"3\",\"0.31\"]",
                "$[:1]|[\"id-7\",\"12\"]",
                "$[0,3:]|[\"id-7\",\"3\",\"0.31\"]",
                "$[0,-1]|[\"id-7\",\"0.31\"]"
            })
    void indexesAndInclusiveRangesSelectCsvColumns(String path, String expected) {
        assertThat(apply(path, ROW)).isEqualTo(expected);
    }

    @Test
    void namesAMissingKey() {
        assertThatThrownBy(() -> JsonPath.parse("$.features.age").apply(RECORD))
                .isInstanceOf(FilterException.class)
                .hasMessage("filter $.features.age: the record has no key 'age'");
    }

    @Test
    void namesAnIndexOutsideTheRow() {
        assertThatThrownBy(() -> JsonPath.parse("$[7]").apply(ROW))
                .isInstanceOf(FilterException.class)
                .hasMessage("filter $[7]: index 7 is outside the 5 element(s) of the record");
    }

    @Test
    void refusesIndexesOnAnObjectAndNamesOnARow() {
        assertThatThrownBy(() -> JsonPath.parse("$[1]").apply(RECORD))
                .isInstanceOf(FilterException.class)
                .hasMessage("filter $[1]: indexes need an array or a CSV row, not object");
        assertThatThrownBy(() -> JsonPath.parse("$.row_id").apply(ROW))
                .isInstanceOf(FilterException.class)
                .hasMessage("filter $.row_id: ['row_id'] needs a JSON object, not array");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "features|0|expected '$'",
                "$.|2|expected a key name",
                "$[1|3|expected ']'",
                "$['a|2|the quoted key is not closed",
                "$[]|2|expected an index, a range or a quoted key",
                "$..a|2|expected a key name",
                "$[*]|2|expected an index, a range or a quoted key"
            })
    void rejectsWhatSageMakerDoesNotSupportNamingThePosition(String path, int position, String problem) {
        assertThatThrownBy(() -> JsonPath.parse(path))
                .isInstanceOf(FilterException.class)
                .hasMessageStartingWith("JSONPath '" + path + "' at position " + position + ": " + problem);
    }
}
