package com.example.credit.batch.local;

import com.example.credit.batch.TransformException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resume rule: a file is finished when its output exists and its marker in {@code <output>/.batch-state/}
 * names the same input content (SHA-256) and the same output-shaping options. A rerun skips finished files and
 * redoes everything else, so an interrupted run loses at most the files it was working on.
 */
final class ResumeMarkers {

    /** The folder of the markers, hidden so that readers of the output skip it. */
    static final String STATE_FOLDER = ".batch-state";

    static final int FORMAT_VERSION = 1;

    private final Path outputRoot;
    private final String jobFingerprint;
    private final JsonMapper mapper;

    ResumeMarkers(Path outputRoot, String jobFingerprint, JsonMapper mapper) {
        this.outputRoot = outputRoot;
        this.jobFingerprint = jobFingerprint;
        this.mapper = mapper;
    }

    /** Whether the file was finished by an earlier run of the same job on the same content. */
    boolean finished(InputFile file, String inputDigest) {
        Path marker = marker(file);
        if (!Files.isRegularFile(marker) || !Files.isRegularFile(file.outputIn(outputRoot))) {
            return false;
        }
        try {
            JsonNode node = mapper.readTree(marker.toFile());
            return node.path("format_version").asInt() == FORMAT_VERSION
                    && node.path("input_sha256").asString("").equals(inputDigest)
                    && node.path("job").asString("").equals(jobFingerprint);
        } catch (JacksonException e) {
            // A torn or foreign marker proves nothing: the file is done again.
            return false;
        }
    }

    /** Records a finished file; written after its output, atomically. */
    void markFinished(InputFile file, String inputDigest, long records, long errorRecords) {
        ObjectNode node = mapper.createObjectNode();
        node.put("format_version", FORMAT_VERSION);
        node.put("input", file.relativePath());
        node.put("input_sha256", inputDigest);
        node.put("job", jobFingerprint);
        node.put("records", records);
        node.put("error_records", errorRecords);
        Path marker = marker(file);
        try {
            Files.createDirectories(marker.getParent());
            Path temp = marker.resolveSibling(marker.getFileName() + ".tmp");
            Files.writeString(temp, mapper.writeValueAsString(node));
            Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TransformException("cannot write the marker " + marker + ": " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of a file's bytes, in hex. */
    static String digest(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // Reading feeds the digest.
            }
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new TransformException("cannot read input " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The SHA-256 of a text, in hex. */
    static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private Path marker(InputFile file) {
        return outputRoot.resolve(STATE_FOLDER).resolve(file.relativePath() + ".done");
    }
}
