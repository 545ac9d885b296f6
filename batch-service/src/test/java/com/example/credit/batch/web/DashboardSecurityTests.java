package com.example.credit.batch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DashboardSecurityTests {

    @Test
    void requiresAuthenticationOnEveryAddressButLoopbackUnlessAlwaysRequired() {
        assertThat(DashboardSecurity.authenticationRequired(
                        new MockEnvironment().withProperty("server.address", "127.0.0.1")))
                .isFalse();
        assertThat(DashboardSecurity.authenticationRequired(
                        new MockEnvironment().withProperty("server.address", "::1")))
                .isFalse();
        assertThat(DashboardSecurity.authenticationRequired(
                        new MockEnvironment().withProperty("server.address", "0.0.0.0")))
                .isTrue();
        assertThat(DashboardSecurity.authenticationRequired(new MockEnvironment()))
                .isTrue();
        assertThat(DashboardSecurity.authenticationRequired(new MockEnvironment()
                        .withProperty("server.address", "127.0.0.1")
                        .withProperty("dashboard.authentication", "required")))
                .isTrue();
        assertThatThrownBy(() -> DashboardSecurity.authenticationRequired(
                        new MockEnvironment().withProperty("dashboard.authentication", "off")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dashboard.authentication 'off' must be auto");
        assertThat(DashboardSecurity.access(new MockEnvironment()
                        .withProperty("server.address", "127.0.0.1")
                        .withProperty("dashboard.authentication", "oidc")))
                .isEqualTo(DashboardSecurity.Access.OIDC);
    }

    @Test
    void refusesToStartWithOidcButNoClientRegistration(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) {
        assertThatThrownBy(() -> DashboardApplication.start(
                        "--dashboard.authentication=oidc", "--server.port=0", "--dashboard.jobs.state-dir=" + temp))
                .rootCause()
                .hasMessageStartingWith("dashboard.authentication=oidc needs a client registration:"
                        + " spring.security.oauth2.client.registration.<id>.client-id");
    }

    @Test
    void generatesAPasswordWhenNoneIsSetAndPrintsItOnce() {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        org.springframework.security.core.userdetails.UserDetails analyst;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            analyst = new DashboardSecurity()
                    .dashboardUsers(new MockEnvironment().withProperty("server.address", "0.0.0.0"))
                    .loadUserByUsername(DashboardSecurity.USER);
        } finally {
            System.setOut(original);
        }

        String line = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(line.lines()).hasSize(1);
        java.util.regex.Matcher password =
                java.util.regex.Pattern.compile("password (\\S+) \\(generated").matcher(line);
        assertThat(password.find()).as(line).isTrue();
        assertThat(password.group(1)).hasSize(24);
        assertThat(
                        org.springframework.security.crypto.factory.PasswordEncoderFactories
                                .createDelegatingPasswordEncoder()
                                .matches(password.group(1), analyst.getPassword()))
                .isTrue();
        // The stored password is a hash, not the text that was printed.
        assertThat(analyst.getPassword()).doesNotContain(password.group(1));
    }

    @Test
    void printsNothingOnLoopbackOrWhenThePasswordIsSet() {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            new DashboardSecurity().dashboardUsers(new MockEnvironment().withProperty("server.address", "127.0.0.1"));
            new DashboardSecurity()
                    .dashboardUsers(new MockEnvironment()
                            .withProperty("server.address", "0.0.0.0")
                            .withProperty("dashboard.password", "chosen"));
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }
}
