package com.example.credit.pipeline.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.pipeline.PipelineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTarTests {

    private static final String ID = "sha256:b6a5987096d4524ab775318f67fa327b8155e9545297b6788867ea314c0beb46";

    @TempDir
    Path folder;

    @Test
    void readsJibsImageDescriptionAndNamesTheImageByRepositoryAndShortId() throws IOException {
        Files.writeString(
                folder.resolve("image.json"),
                "{\"image\":\"credit-training:0.1.0-SNAPSHOT\",\"imageId\":\"" + ID
                        + "\",\"tags\":[\"0.1.0-SNAPSHOT\"]}");
        Files.writeString(folder.resolve("image.tar"), "");

        ImageTar image = ImageTar.read(folder);

        assertThat(image.imageId()).isEqualTo(ID);
        assertThat(image.tar()).isEqualTo(folder.resolve("image.tar"));
        assertThat(image.reference()).isEqualTo("credit-training@sha256:b6a5987096d4");
    }

    @Test
    void namesTheBuildThatMakesTheImageWhenTheFolderHasNone() {
        assertThatThrownBy(() -> ImageTar.read(folder))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("no image in " + folder.toAbsolutePath())
                .hasMessageContaining("-Dimage.local.base=$CREDIT_CONTAINER_BASE");
    }

    @Test
    void rejectsAnImageIdThatIsNotAContentDigest() throws IOException {
        Files.writeString(folder.resolve("image.json"), "{\"image\":\"credit-training:1\",\"imageId\":\"latest\"}");
        Files.writeString(folder.resolve("image.tar"), "");

        assertThatThrownBy(() -> ImageTar.read(folder))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("image id 'latest' of credit-training:1 is not sha256:<64 hex digits>")
                .hasMessageContaining(folder.resolve("image.json").toString());
    }
}
