package com.example.credit.batch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ExplainerClient#itemTexts} gives every JSON Lines answer the items its trees give ({@link
 * ExplainerClient#items} written by the mapper), whichever way it reads them: ASCII bodies from their bytes, lines
 * already canonical as they are, other bodies from their text, bodies with repeated keys through the trees.
 */
class ExplainerClientTests {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    private static final ExplainerClient CLIENT = new ExplainerClient(URI.create("http://127.0.0.1:1"), MAPPER);

    @Test
    void readsEveryKindOfJsonLinesAnswerAsItsTreesAreWritten() throws IOException {
        String answers;
        try (InputStream in = getClass().getResourceAsStream("/explainer-answers.jsonl")) {
            answers = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> bodies = List.of(
                // The explainer's own answers: every line canonical.
                answers,
                answers.strip(),
                // Blank lines, carriage returns, blanks and numbers written otherwise: copied line by line.
                "{\"a\":1}\n\n{\"b\": 2.50}\r\n  \n{\"c\":[1e3,-0]}",
                answers + "\n{ \"x\" : 0.10000000000000001 }\n",
                // Outside ASCII: read from the text.
                answers + "{\"caf\u00e9\":\"\u4e2d\"}\n",
                "{\"a\":\"\u00e9\"}\n{\"b\":1}\n",
                // A repeated key: the trees decide (the last value at the first place).
                "{\"a\":1}\n{\"k\":1,\"k\":2}\n");

        for (String body : bodies) {
            ExplainerClient.Response response =
                    new ExplainerClient.Response(200, "application/jsonlines", body.getBytes(StandardCharsets.UTF_8));

            List<String> expected = CLIENT.items(response).stream()
                    .map(MAPPER::writeValueAsString)
                    .toList();

            assertThat(CLIENT.itemTexts(response)).as(body).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void givesTheExplainersAnswerLinesThemselves() throws IOException {
        byte[] answers;
        try (InputStream in = getClass().getResourceAsStream("/explainer-answers.jsonl")) {
            answers = in.readAllBytes();
        }
        ExplainerClient.Response response = new ExplainerClient.Response(200, "application/jsonlines", answers);

        assertThat(CLIENT.itemTexts(response))
                .containsExactlyElementsOf(
                        new String(answers, StandardCharsets.UTF_8).lines().toList());
    }
}
