package com.example.credit.pipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Archives made by GNU tar (present on every Debian machine) in the formats SageMaker's Python tarfile writes. */
class ModelArchiveTests {

    @TempDir
    Path temp;

    private Path archive(String format, String... names) throws IOException, InterruptedException {
        Path source = Files.createDirectories(temp.resolve("source"));
        for (String name : names) {
            Path file = source.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "content of " + name + "\n".repeat(name.length()));
        }
        Path tar = temp.resolve("model-" + format + ".tar.gz");
        Process process = new ProcessBuilder(
                        List.of("tar", "--format=" + format, "-czf", tar.toString(), "-C", source.toString(), "."))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return tar;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ustar", "gnu", "pax"})
    void unpacksEveryRegularFileWithItsContent(String format) throws Exception {
        String longName = "nested/" + "a-very-long-file-name-".repeat(6) + "model.json";
        Path tar = archive(format, "model.txt", "model.json", format.equals("ustar") ? "short/b.json" : longName);
        Path out = temp.resolve("out");

        List<Path> files;
        try (InputStream in = Files.newInputStream(tar)) {
            files = ModelArchive.extract(in, out, "model.tar.gz");
        }

        assertThat(files).hasSize(3);
        for (Path file : files) {
            String name = out.toAbsolutePath().relativize(file).toString();
            assertThat(Files.readString(file)).isEqualTo("content of " + name + "\n".repeat(name.length()));
        }
    }

    @Test
    void refusesSomethingThatIsNotAGzippedTar() {
        assertThatThrownBy(() -> ModelArchive.extract(
                        new ByteArrayInputStream("not gzip".getBytes()), temp.resolve("out"), "s3://b/model.tar.gz"))
                .isInstanceOf(AwsStageException.class)
                .hasMessageStartingWith("s3://b/model.tar.gz is not a readable model.tar.gz");
    }

    @Test
    void refusesAnEntryThatWouldLandOutsideTheFolder() throws Exception {
        Path source = Files.createDirectories(temp.resolve("evil"));
        Files.writeString(source.resolve("x"), "x");
        Path tar = temp.resolve("evil.tar.gz");
        Process process = new ProcessBuilder(List.of(
                        "tar",
                        "-czf",
                        tar.toString(),
                        "-C",
                        source.toString(),
                        "--transform",
                        "s,^x,../../x,",
                        "-P",
                        "x"))
                .redirectErrorStream(true)
                .start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();

        try (InputStream in = Files.newInputStream(tar)) {
            assertThatThrownBy(() -> ModelArchive.extract(in, temp.resolve("out"), "evil.tar.gz"))
                    .isInstanceOf(AwsStageException.class)
                    .hasMessageContaining("entry '../../x' points outside");
        }
    }
}
