package com.example.credit.testsupport.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One image built by Jib's {@code buildTar} ({@code target/jib-image/}: {@code image.tar} and {@code image.json}),
 * loaded into the container engine the tests talk to (Docker, or podman's Docker API: see
 * {@code scripts/container-engine.sh}) and named by its image id, so that a test always runs the very image
 * that this build produced, never an older one with the same tag.
 *
 * @param repository the image's repository, for example {@code credit-explainer}
 * @param imageId the content id Jib computed ({@code sha256:…})
 * @param tar the image tar
 */
public record ContainerImage(String repository, String imageId, Path tar) {

    public ContainerImage {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(tar, "tar");
        if (!imageId.startsWith("sha256:") || imageId.length() != 71) {
            throw new IllegalArgumentException("image id '" + imageId + "' is not sha256:<64 hex digits>");
        }
    }

    /**
     * Reads the image that Jib wrote into {@code jibDir} ({@code image.json} and {@code image.tar}).
     *
     * @throws IllegalStateException when the folder holds no Jib output, naming the build that makes it
     */
    public static ContainerImage fromJibOutput(Path jibDir) {
        Path json = jibDir.resolve("image.json");
        Path tar = jibDir.resolve("image.tar");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(tar)) {
            throw new IllegalStateException("no Jib image in " + jibDir.toAbsolutePath()
                    + ": build it with ./test.sh (or ./mvnw package -Dimage.local.base=tar://<base image tar>)");
        }
        JsonNode image = JsonMapper.shared().readTree(json.toFile());
        String name = image.path("image").asString();
        int tag = name.lastIndexOf(':');
        return new ContainerImage(
                tag > 0 ? name.substring(0, tag) : name, image.path("imageId").asString(), tar);
    }

    /** The image's id without its algorithm, shortened as the engines print it. */
    public String shortId() {
        return imageId.substring("sha256:".length(), "sha256:".length() + 12);
    }

    /**
     * Loads the tar into the engine unless an image with this id is there already, tags it
     * {@code localhost/<repository>:<short id>} and returns that name for a {@code GenericContainer}.
     */
    public DockerImageName ensureLoaded() {
        DockerClient docker = DockerClientFactory.instance().client();
        if (!present(docker)) {
            try (InputStream in = Files.newInputStream(tar)) {
                docker.loadImageCmd(in).exec();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the image tar " + tar, e);
            }
            if (!present(docker)) {
                throw new IllegalStateException("the engine loaded " + tar + " but has no image " + imageId
                        + ": is the tar from another build?");
            }
        }
        String name = "localhost/" + repository;
        docker.tagImageCmd(imageId, name, shortId()).exec();
        return DockerImageName.parse(name + ":" + shortId());
    }

    private boolean present(DockerClient docker) {
        try {
            docker.inspectImageCmd(imageId).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
