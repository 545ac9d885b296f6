package com.example.credit.explainer.invocation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a response can contain for each record; chosen per request with {@code entities=a,b,c}. */
public enum Entity {
    /** The application as given (for CSV: the values keyed by feature name). */
    DATA("data"),
    /** The model-space row: each feature's encoded value (category codes for categorical features). */
    FEATURES("features"),
    /** Each feature's title, description and group from the data schema. */
    DESCRIPTIONS("descriptions"),
    /** The probability of default. */
    PREDICTION("prediction"),
    /** Exact TreeSHAP values (log-odds) with the expected value, plus their probability view. */
    EXPLANATION_SHAP_VALUES("explanation_shap_values"),
    /** Exact SHAP interaction values, feature × feature. */
    EXPLANATION_SHAP_INTERACTION_VALUES("explanation_shap_interaction_values"),
    /** The top features pushing towards default, with plain-language reasons. */
    REASONS("reasons");

    private final String wireName;

    Entity(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in requests and as the response key. */
    public String wireName() {
        return wireName;
    }

    /** Every wire name, in response order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Entity::wireName).toList();
    }

    /**
     * The entity of a wire name (case-insensitive, surrounding blanks ignored).
     *
     * @throws UnknownEntityException listing the allowed names
     */
    public static Entity fromWireName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (Entity entity : values()) {
            if (entity.wireName.equals(wanted)) {
                return entity;
            }
        }
        throw new UnknownEntityException(name.strip(), wireNames());
    }
}
