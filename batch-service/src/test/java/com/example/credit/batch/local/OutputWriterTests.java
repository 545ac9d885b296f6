package com.example.credit.batch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTests {

    @TempDir
    Path folder;

    private static String text(int lines, long seed) {
        Random random = new Random(seed);
        String alphabet = "abcxyz{}[]\":,0123456789 éßü€😀";
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < lines; line++) {
            int length = random.nextInt(5000);
            for (int i = 0; i < length; i++) {
                text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(29))));
            }
            text.append('\n');
        }
        return text.toString();
    }

    @Test
    void writesTheBytesFilesNewBufferedWriterWritesOverManyBlocks() throws IOException {
        String text = text(400, 19);
        Path expected = folder.resolve("expected.out");
        Path actual = folder.resolve("actual.out");
        try (BufferedWriter writer = Files.newBufferedWriter(expected, StandardCharsets.UTF_8)) {
            writer.write(text);
        }
        Files.writeString(actual, "an older, longer file that the writer must truncate".repeat(100_000));

        try (BufferedWriter writer = LocalTransformer.outputWriter(actual)) {
            // In pieces of every size, as lines and line ends are written.
            for (int at = 0, piece = 1; at < text.length(); at += piece, piece = piece * 7 % 9973 + 1) {
                writer.write(text, at, Math.min(piece, text.length() - at));
            }
        }

        assertThat(Files.size(actual)).isGreaterThan(3L * LocalTransformer.OUTPUT_BLOCK);
        assertThat(Files.readAllBytes(actual)).isEqualTo(Files.readAllBytes(expected));
    }

    @Test
    void refusesACharacterUtf8CannotEncodeAsFilesNewBufferedWriterDoes() {
        String loneSurrogate = "ok \uD800 not ok";

        assertThatThrownBy(() -> {
                    try (BufferedWriter writer = Files.newBufferedWriter(folder.resolve("a.out"))) {
                        writer.write(loneSurrogate);
                    }
                })
                .isInstanceOf(CharacterCodingException.class);
        assertThatThrownBy(() -> {
                    try (BufferedWriter writer = LocalTransformer.outputWriter(folder.resolve("b.out"))) {
                        writer.write(loneSurrogate);
                    }
                })
                .isInstanceOf(CharacterCodingException.class);
    }
}
