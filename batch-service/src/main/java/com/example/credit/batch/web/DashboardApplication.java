package com.example.credit.batch.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/** The dashboard service: started by {@code batch serve}, on loopback unless told otherwise. */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(DashboardProperties.class)
public class DashboardApplication {

    /** Starts the service with Spring's command-line properties ({@code --dashboard.runs[0].id=...}). */
    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(DashboardApplication.class);
        return application.run(args);
    }

    public static void main(String[] args) {
        start(args);
    }
}
