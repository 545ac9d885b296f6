package com.example.credit.batch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard as it is served beyond loopback (forced here with {@code dashboard.authentication=required}, so that
 * the test still talks to 127.0.0.1 only): every route, the page included, wants HTTP Basic as {@code analyst}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dashboard.authentication=required", "dashboard.password=correct-horse-battery"})
class AuthenticatedDashboardTests {

    static final Path ROOT = HandMadeRunFixture.create("authenticated-");
    static final Path RUN = ROOT.resolve("run");

    @DynamicPropertySource
    static void runs(DynamicPropertyRegistry registry) {
        HandMadeRunFixture.register(registry, ROOT);
    }

    @LocalServerPort
    int port;

    private int status(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void refusesEveryRouteWithoutTheAnalystsPassword() throws Exception {
        assertThat(status("/api/runs", null, null)).isEqualTo(401);
        assertThat(status("/", null, null)).isEqualTo(401);
        assertThat(status("/api/runs/statlog-42/summary", "analyst", "wrong")).isEqualTo(401);
        assertThat(status("/api/runs/statlog-42/summary", "admin", "correct-horse-battery"))
                .isEqualTo(401);
    }

    @Test
    void servesEveryRouteToTheAnalyst() throws Exception {
        assertThat(status("/api/runs", "analyst", "correct-horse-battery")).isEqualTo(200);
        assertThat(status("/api/runs/statlog-42/summary", "analyst", "correct-horse-battery"))
                .isEqualTo(200);
        assertThat(status("/", "analyst", "correct-horse-battery")).isEqualTo(200);
    }
}
