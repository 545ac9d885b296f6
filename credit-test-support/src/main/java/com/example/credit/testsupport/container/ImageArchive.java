package com.example.credit.testsupport.container;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A container image read from a tar as {@code jib:buildTar} writes it: a Docker archive ({@code manifest.json}
 * naming the config and the layers) or an OCI image layout ({@code index.json}, {@code blobs/sha256/…}). Exposes
 * the image configuration and the files of all layers, so that tests assert on what {@code docker run} would start
 * without a container engine.
 *
 * <p>The tar is streamed, never held in memory: an image on a JRE base is some hundred megabytes. Layers are gzip
 * or plain tars; whiteout files are not applied (Jib writes none).
 */
public final class ImageArchive {

    /** Entries up to this size are kept while looking for the manifest and the config; layers are larger. */
    private static final long SMALL_ENTRY = 1 << 20;

    private final Path tar;
    private final String imageId;
    private final List<String> repoTags;
    private final Config config;
    private final Map<String, ImageFile> files;

    /**
     * The runtime configuration of an image (the {@code config} object of its config JSON).
     *
     * @param entrypoint ENTRYPOINT, empty when unset
     * @param cmd CMD (Jib's {@code args}), empty when unset
     * @param env environment variables by name
     * @param labels labels by name
     * @param exposedPorts for example {@code 8080/tcp}
     * @param user USER, empty when unset (root)
     * @param workingDir WORKDIR, empty when unset
     */
    public record Config(
            List<String> entrypoint,
            List<String> cmd,
            Map<String, String> env,
            Map<String, String> labels,
            Set<String> exposedPorts,
            String user,
            String workingDir) {

        public Config {
            entrypoint = List.copyOf(entrypoint);
            cmd = List.copyOf(cmd);
            env = Map.copyOf(env);
            labels = Map.copyOf(labels);
            exposedPorts = Set.copyOf(exposedPorts);
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(workingDir, "workingDir");
        }
    }

    /** A path of the image as the last layer that holds it leaves it. */
    private record ImageFile(int mode, boolean regular, String layer) {}

    /** Where the config and the layers are inside the tar, by format. */
    private record Layout(byte[] config, List<String> layers, List<String> repoTags) {}

    private ImageArchive(Path tar, String imageId, List<String> repoTags, Config config, Map<String, ImageFile> files) {
        this.tar = tar;
        this.imageId = imageId;
        this.repoTags = List.copyOf(repoTags);
        this.config = config;
        this.files = Map.copyOf(files);
    }

    /**
     * Reads the image tar at {@code tar}: its manifest, config and the file list of every layer.
     *
     * @throws IllegalStateException when the file is missing or is no image archive, naming the file and what is
     *     missing
     * @throws UncheckedIOException when the file cannot be read
     */
    public static ImageArchive read(Path tar) {
        if (!Files.isRegularFile(tar)) {
            throw new IllegalStateException("image tar " + tar.toAbsolutePath() + " is missing: Jib's buildTar writes"
                    + " it (in this project the image-config-tar execution of the process-test-classes phase, so run"
                    + " the tests through Maven: ./mvnw -pl <module> verify)");
        }
        Map<String, byte[]> small = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        walk(tar, (entry, content) -> {
            if (isRegular(entry) && entry.getSize() <= SMALL_ENTRY) {
                small.put(normalize(entry.getName()), content.readAllBytes());
            } else if (entry.isSymbolicLink()) {
                // docker save's older layout: <id>/layer.tar links to the layer stored once elsewhere.
                links.put(normalize(entry.getName()), resolve(normalize(entry.getName()), entry.getLinkName()));
            }
        });
        Layout layout = layout(small, links, tar);
        // The outer tar may hold the layers in any order; the manifest's order decides which layer wins.
        Map<String, Map<String, ImageFile>> byLayer = new HashMap<>();
        walk(tar, (entry, content) -> {
            String name = normalize(entry.getName());
            if (layout.layers().contains(name)) {
                Map<String, ImageFile> layerFiles = new LinkedHashMap<>();
                walkLayer(
                        content,
                        (file, ignored) -> layerFiles.put(
                                normalize(file.getName()), new ImageFile(file.getMode(), isRegular(file), name)));
                byLayer.put(name, layerFiles);
            }
        });
        Map<String, ImageFile> files = new HashMap<>();
        for (String layer : layout.layers()) {
            Map<String, ImageFile> layerFiles = byLayer.get(layer);
            if (layerFiles == null) {
                throw new IllegalStateException(tar + " has no entry " + layer + " (a layer its manifest lists)");
            }
            files.putAll(layerFiles);
        }
        JsonNode configJson = JsonMapper.shared().readTree(layout.config());
        return new ImageArchive(
                tar, "sha256:" + sha256(layout.config()), layout.repoTags(), config(configJson.path("config")), files);
    }

    /** The tar this archive was read from. */
    public Path tar() {
        return tar;
    }

    /** The image id, {@code sha256:} and the SHA-256 of the config JSON, as the engines compute it. */
    public String imageId() {
        return imageId;
    }

    /** The names a Docker archive's manifest gives the image ({@code repository:tag}); empty for an OCI layout. */
    public List<String> repoTags() {
        return repoTags;
    }

    /** The runtime configuration: entry point, arguments, environment, labels, ports, user, working folder. */
    public Config config() {
        return config;
    }

    /** Every file, directory and link of the layers, as paths without a leading slash ({@code app/bin/train}). */
    public Set<String> paths() {
        return new TreeSet<>(files.keySet());
    }

    /** Whether the image holds {@code path} (absolute or relative to the root). */
    public boolean hasFile(String path) {
        return files.containsKey(normalize(path));
    }

    /**
     * The permission bits of a path in the image, for example {@code 0755}.
     *
     * @throws IllegalStateException naming the path when the image lacks it
     */
    public int mode(String path) {
        return file(path).mode() & 07777;
    }

    /**
     * The content of a regular file of the image as UTF-8 text, from the last layer that holds it.
     *
     * @throws IllegalStateException naming the path when the image lacks it or it is no regular file
     */
    public String readString(String path) {
        ImageFile file = file(path);
        if (!file.regular()) {
            throw new IllegalStateException("the image's " + path + " is no regular file");
        }
        String wanted = normalize(path);
        StringBuilder text = new StringBuilder();
        walk(tar, (entry, content) -> {
            if (normalize(entry.getName()).equals(file.layer())) {
                walkLayer(content, (inner, innerContent) -> {
                    if (normalize(inner.getName()).equals(wanted)) {
                        text.setLength(0);
                        text.append(new String(innerContent.readAllBytes(), StandardCharsets.UTF_8));
                    }
                });
            }
        });
        return text.toString();
    }

    private ImageFile file(String path) {
        ImageFile file = files.get(normalize(path));
        if (file == null) {
            throw new IllegalStateException("the image " + tar.getFileName() + " has no file " + path);
        }
        return file;
    }

    private static Layout layout(Map<String, byte[]> small, Map<String, String> links, Path tar) {
        if (small.containsKey("manifest.json")) {
            JsonNode manifest = json(small, "manifest.json", tar).path(0);
            List<String> layers = new ArrayList<>();
            manifest.path("Layers").forEach(layer -> {
                String name = normalize(layer.asString());
                layers.add(links.getOrDefault(name, name));
            });
            return new Layout(
                    content(small, normalize(manifest.path("Config").asString()), tar),
                    layers,
                    strings(manifest.get("RepoTags")));
        }
        if (small.containsKey("index.json")) {
            JsonNode index = json(small, "index.json", tar);
            JsonNode manifest = json(small, blob(index.path("manifests").path(0)), tar);
            List<String> layers = new ArrayList<>();
            manifest.path("layers").forEach(layer -> layers.add(blob(layer)));
            return new Layout(content(small, blob(manifest.path("config")), tar), layers, List.of());
        }
        throw new IllegalStateException(
                tar + " is neither a Docker archive (manifest.json) nor an OCI image layout (index.json)");
    }

    private static Config config(JsonNode config) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String variable : strings(config.get("Env"))) {
            int equals = variable.indexOf('=');
            env.put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (config.hasNonNull("Labels")) {
            config.get("Labels")
                    .properties()
                    .forEach(
                            label -> labels.put(label.getKey(), label.getValue().asString()));
        }
        Set<String> ports = new TreeSet<>();
        if (config.hasNonNull("ExposedPorts")) {
            ports.addAll(config.get("ExposedPorts").propertyNames());
        }
        return new Config(
                strings(config.get("Entrypoint")),
                strings(config.get("Cmd")),
                env,
                labels,
                ports,
                config.hasNonNull("User") ? config.get("User").asString() : "",
                config.hasNonNull("WorkingDir") ? config.get("WorkingDir").asString() : "");
    }

    /** Receives each entry of a tar with a stream of its content that ends with the entry. */
    @FunctionalInterface
    private interface EntryVisitor {
        void visit(TarArchiveEntry entry, InputStream content) throws IOException;
    }

    private static void walk(Path tar, EntryVisitor visitor) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar))) {
            walk(in, visitor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image tar " + tar, e);
        }
    }

    private static void walk(InputStream in, EntryVisitor visitor) throws IOException {
        // Not closed here: closing a tar stream closes the stream it reads, which the caller owns.
        TarArchiveInputStream entries = new TarArchiveInputStream(in);
        TarArchiveEntry entry;
        while ((entry = entries.getNextEntry()) != null) {
            visitor.visit(entry, entries);
        }
    }

    /** Walks a layer, the content of one outer entry: a gzip tar (Jib's) or a plain one. */
    private static void walkLayer(InputStream content, EntryVisitor visitor) throws IOException {
        InputStream shielded = new BufferedInputStream(new FilterInputStream(content) {
            @Override
            public void close() {
                // The outer tar stream stays open for its next entry.
            }
        });
        shielded.mark(2);
        boolean gzip = shielded.read() == 0x1f && shielded.read() == 0x8b;
        shielded.reset();
        try (InputStream layer = gzip ? new GZIPInputStream(shielded) : shielded) {
            walk(layer, visitor);
        }
    }

    private static String blob(JsonNode descriptor) {
        return "blobs/" + descriptor.path("digest").asString().replace(':', '/');
    }

    private static JsonNode json(Map<String, byte[]> small, String name, Path tar) {
        return JsonMapper.shared().readTree(content(small, name, tar));
    }

    private static byte[] content(Map<String, byte[]> small, String name, Path tar) {
        byte[] content = small.get(name);
        if (content == null) {
            throw new IllegalStateException(tar + " has no entry " + name);
        }
        return content;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(value -> values.add(value.asString()));
        }
        return values;
    }

    /** A regular file: commons-compress's isFile() also holds for links and devices. */
    private static boolean isRegular(TarArchiveEntry entry) {
        return entry.isFile()
                && !entry.isSymbolicLink()
                && !entry.isLink()
                && !entry.isCharacterDevice()
                && !entry.isBlockDevice()
                && !entry.isFIFO();
    }

    /** The entry a relative symbolic link at {@code name} points to ("a/layer.tar" and "../b.tar": "b.tar"). */
    private static String resolve(String name, String link) {
        List<String> parts = new ArrayList<>(List.of(name.split("/")));
        parts.remove(parts.size() - 1);
        for (String part : link.split("/")) {
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /** Strips "./" and leading or trailing slashes, so that lookups use "app/bin/train". */
    private static String normalize(String path) {
        String result = path.startsWith("./") ? path.substring(2) : path;
        while (result.startsWith("/")) {
            result = result.substring(1);
        }
        return result.endsWith("/") ? result.substring(0, result.length() - 1) : result;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
