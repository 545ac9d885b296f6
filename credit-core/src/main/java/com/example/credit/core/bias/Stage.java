package com.example.credit.core.bias;

/** When a bias analysis looks at the data: before training (labels only) or after (labels and predictions). */
public enum Stage {
    /** On the training set's labels: does the data treat the groups alike? */
    PRE_TRAINING("pre_training", "pre_training_bias_metrics"),
    /** On the test set's labels and the model's predicted labels: does the model treat the groups alike? */
    POST_TRAINING("post_training", "post_training_bias_metrics");

    private final String jsonName;
    private final String clarifySection;

    Stage(String jsonName, String clarifySection) {
        this.jsonName = jsonName;
        this.clarifySection = clarifySection;
    }

    /** The stage's name in this project's bias report ({@code pre_training}, {@code post_training}). */
    public String jsonName() {
        return jsonName;
    }

    /** The section of SageMaker Clarify's {@code analysis.json} that holds this stage's metrics. */
    public String clarifySection() {
        return clarifySection;
    }
}
