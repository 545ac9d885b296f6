package com.example.credit.batch.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
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
 * at start and printed once to standard output (never logged). CSRF protection is on for every state-changing route
 * (the jobs API), with the token in the {@code XSRF-TOKEN} cookie and the {@code X-XSRF-TOKEN} header — on loopback
 * too, where it keeps pages of other sites in the same browser from submitting or stopping jobs.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardSecurity {

    /** The one user of an authenticated dashboard. */
    public static final String USER = "analyst";

    /** Whether requests must authenticate: {@code auto} (not on loopback), or {@code required} (always). */
    static boolean authenticationRequired(Environment environment) {
        String mode = environment.getProperty("dashboard.authentication", "auto");
        return switch (mode) {
            case "required" -> true;
            case "auto" -> !loopback(environment.getProperty("server.address", ""));
            default ->
                throw new IllegalArgumentException("dashboard.authentication '" + mode
                        + "' must be auto (loopback open, else HTTP Basic) or required");
        };
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
        if (authenticationRequired(environment)) {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults());
        } else {
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
            if (authenticationRequired(environment)) {
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
