package com.example.credit.explainer.config;

import com.example.credit.explainer.model.ModelBundle;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the loaded model under {@code /actuator/health} (and in the readiness group). The service only
 * starts with a model, so this is UP whenever it answers; its details say which model is served.
 */
public class ModelHealthIndicator implements HealthIndicator {

    private final ModelBundle bundle;

    public ModelHealthIndicator(ModelBundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("directory", bundle.directory().toString())
                .withDetail("features", bundle.numFeatures())
                .withDetail("trees", bundle.model().numTrees())
                .withDetail("objective", bundle.model().objective().text())
                .build();
    }
}
