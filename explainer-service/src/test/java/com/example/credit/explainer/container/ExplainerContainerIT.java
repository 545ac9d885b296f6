package com.example.credit.explainer.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.explainer.ModelFixture;
import com.example.credit.testsupport.container.ContainerImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** The explainer image run as SageMaker hosting runs it. */
class ExplainerContainerIT {

    @Test
    void answersPingFromTheImage() throws Exception {
        ContainerImage image = ContainerImage.fromJibOutput(Path.of(System.getProperty("image.jib.dir")));
        try (GenericContainer<?> explainer = new GenericContainer<>(image.ensureLoaded())
                .withCommand("serve")
                .withFileSystemBind(ModelFixture.directory().toString(), "/opt/ml/model", BindMode.READ_ONLY)
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/ping").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(4)))) {
            explainer.start();
            URI ping = URI.create("http://" + explainer.getHost() + ":" + explainer.getMappedPort(8080) + "/ping");
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(ping).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(explainer.getHost()).isEqualTo("127.0.0.1");
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }
}
