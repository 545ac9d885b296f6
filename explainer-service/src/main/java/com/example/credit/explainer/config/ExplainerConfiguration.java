package com.example.credit.explainer.config;

import com.example.credit.explainer.invocation.EntitySelection;
import com.example.credit.explainer.invocation.InvocationService;
import com.example.credit.explainer.model.ModelBundle;
import com.example.credit.explainer.model.ModelLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the shared, immutable beans of the service from its properties. The model is loaded here, during
 * start-up, so that a missing or corrupt model directory stops the process before it answers {@code /ping}.
 */
@Configuration(proxyBeanMethods = false)
public class ExplainerConfiguration {

    @Bean
    ModelBundle modelBundle(ExplainerProperties properties) {
        return ModelLoader.load(properties.modelDir(), properties.maxReferenceRows());
    }

    /** The configured default entities, parsed at start so that a misspelt default fails fast. */
    @Bean
    EntitySelection defaultEntities(ExplainerProperties properties) {
        return EntitySelection.of(properties.defaultEntities());
    }

    @Bean
    InvocationService invocationService(ModelBundle modelBundle, ExplainerProperties properties, JsonMapper mapper) {
        return new InvocationService(modelBundle, properties.reasonCount(), properties.maxInterventionalWork(), mapper);
    }

    @Bean
    ModelHealthIndicator modelHealthIndicator(ModelBundle modelBundle) {
        return new ModelHealthIndicator(modelBundle);
    }
}
