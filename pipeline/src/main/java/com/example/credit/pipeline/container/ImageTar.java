package com.example.credit.pipeline.container;

import com.example.credit.pipeline.PipelineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image that Jib wrote as a tar, with its description ({@code image.tar} and {@code image.json} in one folder),
 * run by its content id so that an older image with the same tag is never used.
 *
 * @param name the name Jib gave it, for example {@code credit-training:0.1.0-SNAPSHOT}
 * @param imageId its content id, {@code sha256:} and 64 hex digits
 * @param tar the image tar
 */
public record ImageTar(String name, String imageId, Path tar) {

    private static final Pattern IMAGE_ID = Pattern.compile("sha256:[0-9a-f]{64}");

    public ImageTar {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(tar, "tar");
        if (!IMAGE_ID.matcher(imageId).matches()) {
            throw new PipelineException("image id '" + imageId + "' of " + name + " is not sha256:<64 hex digits>");
        }
    }

    /**
     * Reads the image in a folder of Jib's output, {@code target/jib-image} of the image's module.
     *
     * @throws PipelineException when the folder holds no image, naming the build that makes one
     */
    public static ImageTar read(Path folder) {
        Path json = folder.resolve("image.json");
        Path tar = folder.resolve("image.tar");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(tar)) {
            throw new PipelineException("no image in " + folder.toAbsolutePath().normalize()
                    + " (image.tar and image.json): build it on the local base with ./mvnw -B -pl pipeline -am"
                    + " package -DskipTests -Dimage.local.base=$CREDIT_CONTAINER_BASE, as run-pipeline.sh --runtime"
                    + " container does");
        }
        JsonNode image;
        try {
            image = JsonMapper.shared().readTree(json.toFile());
        } catch (JacksonException e) {
            throw new PipelineException(json + " is not Jib's image description: " + e.getOriginalMessage(), e);
        }
        try {
            return new ImageTar(
                    image.path("image").asString(""), image.path("imageId").asString(""), tar);
        } catch (PipelineException e) {
            throw new PipelineException(json + ": " + e.getMessage(), e);
        }
    }

    /** The repository and the short content id, for example {@code credit-training@sha256:b6a5987096d4}. */
    public String reference() {
        int tag = name.lastIndexOf(':');
        return (tag > 0 ? name.substring(0, tag) : name) + "@" + imageId.substring(0, "sha256:".length() + 12);
    }

    /**
     * Loads the tar into the engine unless the engine holds an image with this id already.
     *
     * @throws PipelineException when loading fails or does not yield this id (a tar from another build)
     */
    public void ensureLoaded(ContainerEngine engine, Consumer<String> progress) {
        if (present(engine)) {
            progress.accept(reference() + " is in " + engine.kind() + " already");
            return;
        }
        progress.accept("loading " + tar + " into " + engine.kind());
        engine.run(ContainerEngine.QUICK.multipliedBy(10), List.of("load", "-i", tar.toString()));
        if (!present(engine)) {
            throw new PipelineException(engine.kind() + " loaded " + tar + " but holds no image " + imageId
                    + ": the tar and its image.json come from different builds; rebuild the image");
        }
    }

    /**
     * What an exit code of the engine says about an image: 126 and 127 mean that its entry point did not start,
     * as with a tar built FROM scratch; empty for any other code.
     */
    static String entryPointHint(int exitCode) {
        return exitCode == 126 || exitCode == 127
                ? " (the image's entry point did not start: an image built without -Dimage.local.base has no shell"
                        + " or Java; rebuild it on the local base)"
                : "";
    }

    private boolean present(ContainerEngine engine) {
        return engine.succeeds(ContainerEngine.QUICK, List.of("image", "inspect", imageId));
    }
}
