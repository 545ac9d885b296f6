package com.example.credit.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowTests {

    @Test
    void readsQuotedCellsWithCommasAndDoubledQuotes() {
        assertThat(CsvRow.split("a,\"b,c\",\"say \"\"hi\"\"\",")).containsExactly("a", "b,c", "say \"hi\"", "");
    }

    @Test
    void keepsWhiteSpaceOfUnquotedCellsAndDropsItAroundQuotedOnes() {
        assertThat(CsvRow.split(" a , \"b\" ,c")).containsExactly(" a ", "b", "c");
    }

    @Test
    void rejectsAnUnclosedQuote() {
        assertThatThrownBy(() -> CsvRow.split("a,\"b"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("unclosed quote")
                .extracting(e -> ((CsvFormatException) e).column())
                .isEqualTo(0);
    }

    @Test
    void rejectsTextAfterAClosingQuoteNamingItsColumn() {
        assertThatThrownBy(() -> CsvRow.split("a,\"b\"x,c"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("text after a closing quote")
                .extracting(e -> ((CsvFormatException) e).column())
                .isEqualTo(6);
    }

    @Test
    void writesBackWhatItReads() {
        List<String> cells = List.of("plain", "with,comma", "with \"quote\"", "");
        assertThat(CsvRow.join(cells)).isEqualTo("plain,\"with,comma\",\"with \"\"quote\"\"\",");
        assertThat(CsvRow.split(CsvRow.join(cells))).isEqualTo(cells);
    }
}
