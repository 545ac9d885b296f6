package com.example.credit.explainer;

import com.example.credit.explainer.config.SigtermExit;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of the explainer: loads the model directory at start and serves {@code /ping},
 * {@code /invocations}, {@code /execution-parameters} and the explanation page until SIGTERM, on which it drains
 * the requests in flight and exits 0 ({@link SigtermExit}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Credit decisions, explained: explainer",
                        version = "1",
                        description = "SageMaker-compatible hosting of the credit-default model: predictions with"
                                + " exact TreeSHAP explanations, reason codes and a waterfall page."))
public class ExplainerApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(ExplainerApplication.class, args);
        SigtermExit.install(context);
    }
}
