package com.example.credit.testsupport.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image tars written here with commons-compress (as Jib writes them) in both formats Jib's buildTar produces.
 */
class ImageArchiveTests {

    private static final String CONFIG = """
            {"architecture":"amd64","os":"linux","config":{"Entrypoint":["/app/bin/train"],"Cmd":["train"],\
            "Env":["PATH=/usr/bin:/bin","JAVA_OPTS=-XX:MaxRAMPercentage=50"],"Labels":{"title":"demo"},\
            "ExposedPorts":{"8080/tcp":{}},"User":"1000:1000","WorkingDir":"/app"}}""";

    private static final String LONG_PATH = "app/libs/" + "a-library-with-a-long-name-".repeat(6) + "1.0.jar";

    @TempDir
    Path temp;

    /** Two layers: the first gzip (as Jib writes them), the second plain; the second replaces app/bin/train. */
    private static Map<String, byte[]> layers() throws IOException {
        Map<String, byte[]> layers = new LinkedHashMap<>();
        layers.put(
                "base.tar.gz",
                gzip(tar(Map.of(
                        "./app/bin/train",
                        file(0644, "echo old"),
                        LONG_PATH,
                        file(0644, "jar"),
                        "app/",
                        file(040755, null)))));
        layers.put("app.tar", tar(Map.of("app/bin/train", file(0755, "echo new"))));
        return layers;
    }

    private Path dockerArchive() throws IOException {
        Map<String, byte[]> layers = layers();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        // Layers out of manifest order: the manifest, not the tar, decides which layer wins.
        entries.put("app.tar", layers.get("app.tar"));
        entries.put("base.tar.gz", layers.get("base.tar.gz"));
        entries.put("config.json", CONFIG.getBytes(StandardCharsets.UTF_8));
        entries.put(
                "manifest.json",
                ("[{\"Config\":\"config.json\",\"RepoTags\":[\"demo:1.0\"],"
                                + "\"Layers\":[\"base.tar.gz\",\"app.tar\"]}]")
                        .getBytes(StandardCharsets.UTF_8));
        return write("docker.tar", entries);
    }

    @Test
    void readsTheRuntimeConfigurationOfADockerArchive() throws IOException {
        ImageArchive image = ImageArchive.read(dockerArchive());

        ImageArchive.Config config = image.config();
        assertThat(config.entrypoint()).containsExactly("/app/bin/train");
        assertThat(config.cmd()).containsExactly("train");
        assertThat(config.env())
                .containsEntry("PATH", "/usr/bin:/bin")
                .containsEntry("JAVA_OPTS", "-XX:MaxRAMPercentage=50");
        assertThat(config.labels()).containsExactly(Map.entry("title", "demo"));
        assertThat(config.exposedPorts()).containsExactly("8080/tcp");
        assertThat(config.user()).isEqualTo("1000:1000");
        assertThat(config.workingDir()).isEqualTo("/app");
        assertThat(image.repoTags()).containsExactly("demo:1.0");
    }

    @Test
    void namesTheImageByTheDigestOfItsConfigAsTheEnginesDo() throws Exception {
        ImageArchive image = ImageArchive.read(dockerArchive());

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(CONFIG.getBytes(StandardCharsets.UTF_8));
        assertThat(image.imageId()).isEqualTo("sha256:" + HexFormat.of().formatHex(digest));
    }

    @Test
    void laterLayersReplaceFilesOfEarlierOnesInManifestOrder() throws IOException {
        ImageArchive image = ImageArchive.read(dockerArchive());

        assertThat(image.mode("/app/bin/train")).isEqualTo(0755);
        assertThat(image.readString("/app/bin/train")).isEqualTo("echo new");
        assertThat(image.paths()).containsExactly("app", "app/bin/train", LONG_PATH);
    }

    @Test
    void keepsPathsLongerThanATarHeaderHolds() throws IOException {
        ImageArchive image = ImageArchive.read(dockerArchive());

        assertThat(LONG_PATH).hasSizeGreaterThan(100);
        assertThat(image.hasFile(LONG_PATH)).isTrue();
        assertThat(image.readString(LONG_PATH)).isEqualTo("jar");
    }

    @Test
    void followsLayersThatDockerSaveStoresAsSymbolicLinks() throws IOException {
        Map<String, byte[]> layers = layers();
        Path tar = temp.resolve("saved.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            put(out, "blobs/base.tar.gz", layers.get("base.tar.gz"));
            put(out, "blobs/app.tar", layers.get("app.tar"));
            TarArchiveEntry link = new TarArchiveEntry("0a1b/layer.tar", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("../blobs/app.tar");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
            put(out, "config.json", CONFIG.getBytes(StandardCharsets.UTF_8));
            put(
                    out,
                    "manifest.json",
                    "[{\"Config\":\"config.json\",\"Layers\":[\"blobs/base.tar.gz\",\"0a1b/layer.tar\"]}]"
                            .getBytes(StandardCharsets.UTF_8));
        }

        ImageArchive image = ImageArchive.read(tar);

        assertThat(image.readString("/app/bin/train")).isEqualTo("echo new");
        assertThat(image.repoTags()).isEmpty();
    }

    @Test
    void readsAnOciImageLayout() throws Exception {
        Map<String, byte[]> layers = layers();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String base = blob(entries, layers.get("base.tar.gz"));
        String app = blob(entries, layers.get("app.tar"));
        String config = blob(entries, CONFIG.getBytes(StandardCharsets.UTF_8));
        String manifest = blob(
                entries,
                ("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + config + "\"},\"layers\":[{\"digest\":\"" + base
                                + "\"},{\"digest\":\"" + app + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
        entries.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        entries.put(
                "index.json",
                ("{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"" + manifest + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8));

        ImageArchive image = ImageArchive.read(write("oci.tar", entries));

        assertThat(image.config().entrypoint()).containsExactly("/app/bin/train");
        assertThat(image.imageId()).isEqualTo(config);
        assertThat(image.repoTags()).isEmpty();
        assertThat(image.readString("app/bin/train")).isEqualTo("echo new");
    }

    @Test
    void namesTheMissingTarAndTheBuildStepThatWritesIt() {
        Path missing = temp.resolve("target/jib-image/image.tar");

        assertThatThrownBy(() -> ImageArchive.read(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("buildTar");
    }

    @Test
    void rejectsATarThatHoldsNoImage() throws IOException {
        Path tar = write("notes.tar", Map.of("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> ImageArchive.read(tar))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither a Docker archive (manifest.json) nor an OCI image layout");
    }

    @Test
    void namesAPathTheImageLacks() throws IOException {
        ImageArchive image = ImageArchive.read(dockerArchive());

        assertThat(image.hasFile("/app/bin/serve")).isFalse();
        assertThatThrownBy(() -> image.mode("/app/bin/serve"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the image docker.tar has no file /app/bin/serve");
        assertThatThrownBy(() -> image.readString("/app"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the image's /app is no regular file");
    }

    private record Content(int mode, String text) {}

    private static Content file(int mode, String text) {
        return new Content(mode, text);
    }

    private static byte[] tar(Map<String, Content> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, Content> file : new TreeMap<>(files).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setMode(file.getValue().mode());
                byte[] content = file.getValue().text() == null
                        ? new byte[0]
                        : file.getValue().text().getBytes(StandardCharsets.UTF_8);
                entry.setSize(content.length);
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    /** Stores {@code content} under blobs/sha256/ and returns its digest. */
    private static String blob(Map<String, byte[]> entries, byte[] content) throws Exception {
        String hex =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        entries.put("blobs/sha256/" + hex, content);
        return "sha256:" + hex;
    }

    private Path write(String name, Map<String, byte[]> entries) throws IOException {
        Path tar = temp.resolve(name);
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                put(out, entry.getKey(), entry.getValue());
            }
        }
        return tar;
    }

    private static void put(TarArchiveOutputStream out, String name, byte[] content) throws IOException {
        TarArchiveEntry header = new TarArchiveEntry(name);
        header.setSize(content.length);
        out.putArchiveEntry(header);
        out.write(content);
        out.closeArchiveEntry();
    }
}
