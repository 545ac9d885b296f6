package com.example.credit.datagen.statlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StatlogCodesTests {

    private static final Pattern ATTRIBUTE_LINE = Pattern.compile("^(\\d+)\\. ([^:]+): (.*)$");
    private static final Pattern CODE = Pattern.compile("\\bA\\d{2,3}\\b");

    /** Attribute number to (title, codes in order), read from the README shipped beside german.data. */
    private static Map<Integer, Map.Entry<String, List<String>>> readmeCodes() throws IOException {
        String readme;
        try (InputStream in = StatlogCodesTests.class.getResourceAsStream(StatlogDataset.README_RESOURCE)) {
            assertThat(in).as("README resource").isNotNull();
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<Integer, Map.Entry<String, List<String>>> codes = new LinkedHashMap<>();
        for (String line : readme.split("\n")) {
            Matcher attribute = ATTRIBUTE_LINE.matcher(line.trim());
            if (attribute.matches()) {
                List<String> found = new ArrayList<>();
                Matcher code = CODE.matcher(attribute.group(3));
                while (code.find()) {
                    found.add(code.group());
                }
                if (!found.isEmpty()) {
                    codes.put(Integer.parseInt(attribute.group(1)), Map.entry(attribute.group(2), found));
                }
            }
        }
        return codes;
    }

    @Test
    void mapsExactlyTheCodedAttributesOfTheReadme() throws IOException {
        assertThat(StatlogCodes.ALL.stream().map(CodeTable::attribute))
                .containsExactlyElementsOf(readmeCodes().keySet());
    }

    @Test
    void mapsEveryCodeTheReadmeListsAndNoOther() throws IOException {
        for (var entry : readmeCodes().entrySet()) {
            CodeTable<?> table = StatlogCodes.ALL.stream()
                    .filter(t -> t.attribute() == entry.getKey())
                    .findFirst()
                    .orElseThrow();
            assertThat(table.title())
                    .as("title of attribute %d", entry.getKey())
                    .isEqualTo(entry.getValue().getKey());
            assertThat(table.meanings().keySet())
                    .as("codes of attribute %d", entry.getKey())
                    .containsExactlyElementsOf(entry.getValue().getValue());
        }
    }

    @Test
    void shipsTheCcByAttributionBesideTheData() throws IOException {
        try (InputStream in = StatlogCodesTests.class.getResourceAsStream(StatlogDataset.README_RESOURCE)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("Hofmann, H. (1994)")
                    .contains("https://doi.org/10.24432/C5NC77")
                    .contains("CC BY 4.0");
        }
    }

    static List<CodeTable<?>> tables() {
        return StatlogCodes.ALL;
    }

    @ParameterizedTest
    @MethodSource("tables")
    void rejectsAnUnknownCodeNamingAttributeAndCode(CodeTable<?> table) {
        assertThatThrownBy(() -> table.decode("A999"))
                .isInstanceOf(StatlogFormatException.class)
                .hasMessageContaining("attribute " + table.attribute())
                .hasMessageContaining("'A999'")
                .hasMessageContaining(table.meanings().keySet().toString());
    }

    @Test
    void rejectsTheCodeOfAnotherAttribute() {
        assertThatThrownBy(() -> StatlogCodes.PURPOSE.decode("A11"))
                .isInstanceOf(StatlogFormatException.class)
                .hasMessageContaining("attribute 4 (purpose): unknown code 'A11'");
    }

    @Test
    void decodesCodesToTheirObviousMeaning() {
        assertThat(StatlogCodes.CHECKING_ACCOUNT.decode("A11")).contains("negative");
        assertThat(StatlogCodes.CHECKING_ACCOUNT.decode("A14")).isEmpty();
        assertThat(StatlogCodes.SAVINGS_ACCOUNT.decode("A64")).contains("very_high");
        assertThat(StatlogCodes.SAVINGS_ACCOUNT.decode("A65")).isEmpty();
        assertThat(StatlogCodes.CREDIT_HISTORY.decode("A33")).isEqualTo("poor");
        assertThat(StatlogCodes.PURPOSE.decode("A410")).isEqualTo("other");
        assertThat(StatlogCodes.PURPOSE.decode("A48")).isEqualTo("re-training");
        assertThat(StatlogCodes.EMPLOYED_SINCE.decode("A71")).isEqualTo(new EmploymentBand(true, 0, 0));
        assertThat(StatlogCodes.PERSONAL_STATUS.decode("A92"))
                .isEqualTo(new PersonalStatus("female", List.of("divorced", "married")));
        assertThat(StatlogCodes.JOB.decode("A174")).isEqualTo("management");
        assertThat(StatlogCodes.TELEPHONE.decode("A192")).isTrue();
        assertThat(StatlogCodes.FOREIGN_WORKER.decode("A201")).isEqualTo("foreign");
    }
}
