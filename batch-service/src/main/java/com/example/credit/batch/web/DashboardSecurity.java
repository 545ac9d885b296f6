package com.example.credit.batch.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Who may see the dashboard, which shows applicants' data: on a loopback address everyone on the machine (the
 * default, {@code 127.0.0.1}); on any other address — or with {@code dashboard.authentication=required} — only the
 * user {@value #USER} with HTTP Basic, whose password is {@code dashboard.password} or, when that is unset, generated
 * at start and printed once to standard output (never logged). With {@code dashboard.authentication=oidc} every route
 * needs an OIDC login instead (Spring Security's authorization code flow with the client registration in {@code
 * spring.security.oauth2.client.*}: an identity provider such as Cognito, Entra ID, Okta or Keycloak). CSRF protection is on for every state-changing route
 * (the jobs API), with the token in the {@code XSRF-TOKEN} cookie and the {@code X-XSRF-TOKEN} header — on loopback
 * too, where it keeps pages of other sites in the same browser from submitting or stopping jobs.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardSecurity {

    /** The one user of an authenticated dashboard. */
    public static final String USER = "analyst";

    /** How requests authenticate. */
    enum Access {
        /** Not at all: the service is on loopback. */
        OPEN,
        /** HTTP Basic as {@value #USER}. */
        BASIC,
        /** OIDC login (authorization code flow) with a Spring Boot client registration. */
        OIDC
    }

    /**
     * How requests must authenticate: {@code dashboard.authentication} is {@code auto} (open on loopback, else HTTP
     * Basic), {@code required} (HTTP Basic always) or {@code oidc} (OIDC login always).
     */
    static Access access(Environment environment) {
        String mode = environment.getProperty("dashboard.authentication", "auto");
        return switch (mode) {
            case "required" -> Access.BASIC;
            case "oidc" -> Access.OIDC;
            case "auto" -> loopback(environment.getProperty("server.address", "")) ? Access.OPEN : Access.BASIC;
            default ->
                throw new IllegalArgumentException("dashboard.authentication '" + mode
                        + "' must be auto (loopback open, else HTTP Basic), required (HTTP Basic) or oidc");
        };
    }

    /** Whether requests must authenticate at all. */
    static boolean authenticationRequired(Environment environment) {
        return access(environment) != Access.OPEN;
    }

    private static boolean loopback(String address) {
        try {
            return !address.isBlank() && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("server.address '" + address + "' cannot be resolved", e);
        }
    }

    @Bean
    SecurityFilterChain dashboardFilterChain(HttpSecurity http, Environment environment) throws Exception {
        // Double submit: the token is in the XSRF-TOKEN cookie (set by GET /api/csrf, which also returns it) and must
        // come back in the X-XSRF-TOKEN header. A page of another site can neither read the cookie nor set the
        // header on a request here, so it cannot submit or stop jobs. The token is sent as is (no BREACH masking:
        // it is a per-client random value in a cookie, not a secret reflected in compressed pages).
        http.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()));
        switch (access(environment)) {
            case BASIC ->
                http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                        .httpBasic(Customizer.withDefaults());
            case OIDC -> {
                if (!Binder.get(environment)
                        .bind("spring.security.oauth2.client.registration", Bindable.mapOf(String.class, Object.class))
                        .isBound()) {
                    throw new IllegalStateException("dashboard.authentication=oidc needs a client registration:"
                            + " spring.security.oauth2.client.registration.<id>.client-id, client-secret and"
                            + " scope=openid, and spring.security.oauth2.client.provider.<id>.issuer-uri");
                }
                http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                        .oauth2Login(Customizer.withDefaults());
            }
            case OPEN ->
                http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        }
        return http.build();
    }

    @Bean
    UserDetailsService dashboardUsers(Environment environment) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String password = environment.getProperty("dashboard.password");
        if (password == null || password.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            if (access(environment) == Access.BASIC) {
                // Printed, not logged: log files outlive the session and travel further than a terminal.
                System.out.println("dashboard: user " + USER + ", password " + password
                        + " (generated for this start; set dashboard.password to choose one)");
            }
        }
        return new InMemoryUserDetailsManager(User.withUsername(USER)
                .password(encoder.encode(password))
                .roles("ANALYST")
                .build());
    }
}
