package com.example.credit.batch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard with {@code dashboard.authentication=oidc} against a stub OpenID Connect provider: nothing is served
 * before a login (HTTP Basic is not accepted either), the code flow signs the analyst in and the API answers, and an
 * ID token for another audience is refused.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "dashboard.authentication=oidc")
class OidcDashboardTests {

    static final Path ROOT = HandMadeRunFixture.create("oidc-");
    static final StubOidcProvider PROVIDER = new StubOidcProvider();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HandMadeRunFixture.register(registry, ROOT);
        String registration = "spring.security.oauth2.client.registration.stub.";
        registry.add(registration + "client-id", () -> StubOidcProvider.CLIENT_ID);
        registry.add(registration + "client-secret", () -> StubOidcProvider.CLIENT_SECRET);
        registry.add(registration + "scope", () -> "openid");
        registry.add("spring.security.oauth2.client.provider.stub.issuer-uri", PROVIDER::issuer);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @LocalServerPort
    int port;

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void sendsEveryoneWithoutALoginToTheProviderAndRefusesHttpBasic() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Void> anonymous =
                http.send(HttpRequest.newBuilder(url("/api/runs")).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> basic = http.send(
                HttpRequest.newBuilder(url("/api/runs"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("analyst:anything".getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> start = http.send(
                HttpRequest.newBuilder(url("/oauth2/authorization/stub")).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/oauth2/authorization/stub"));
        assertThat(basic.statusCode()).isEqualTo(302);
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().firstValue("Location").orElseThrow())
                .startsWith(PROVIDER.issuer() + "/authorize?")
                .contains("client_id=" + StubOidcProvider.CLIENT_ID)
                .contains("scope=openid")
                .contains("nonce=");
    }

    @Test
    void theCodeFlowSignsTheAnalystInAndTheApiAnswers() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .build();
        int tokenRequests = PROVIDER.tokenRequests().size();

        HttpResponse<String> runs =
                browser.send(HttpRequest.newBuilder(url("/api/runs")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(runs.uri().getPath()).isEqualTo("/api/runs");
        assertThat(JsonMapper.shared().readTree(runs.body()).get(0).path("id").asString())
                .isEqualTo(HandMadeRunFixture.ID);
        assertThat(PROVIDER.tokenRequests()).hasSize(tokenRequests + 1);
        assertThat(PROVIDER.tokenRequests().get(tokenRequests))
                .contains("grant_type=authorization_code")
                .contains("code=code-");
        HttpResponse<String> summary = browser.send(
                HttpRequest.newBuilder(url("/api/runs/" + HandMadeRunFixture.ID + "/summary"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(summary.statusCode()).as("the session holds the login").isEqualTo(200);
    }

    @Test
    void refusesAnIdTokenIssuedForAnotherAudience() throws Exception {
        PROVIDER.audience("some-other-app");
        try {
            HttpClient browser = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            URI next = url("/oauth2/authorization/stub");
            HttpResponse<String> response = null;
            // Follows the flow by hand up to the client's answer to the provider's redirect.
            for (int hop = 0; hop < 4; hop++) {
                response = browser.send(HttpRequest.newBuilder(next).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 302 || next.getPath().startsWith("/login/oauth2/code/")) {
                    break;
                }
                next = next.resolve(response.headers().firstValue("Location").orElseThrow());
            }

            assertThat(next.getPath()).isEqualTo("/login/oauth2/code/stub");
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).contains("/login?error");
            HttpResponse<Void> runs = browser.send(
                    HttpRequest.newBuilder(url("/api/runs")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(runs.statusCode()).as("still not signed in").isEqualTo(302);
        } finally {
            PROVIDER.audience(StubOidcProvider.CLIENT_ID);
        }
    }
}
