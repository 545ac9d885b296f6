package com.example.credit.core.model;

/**
 * The training objective of the model, which fixes how a raw score becomes a prediction. Only LightGBM's
 * {@code binary} objective is supported: probability = 1 / (1 + exp(-sigmoid * raw score)).
 *
 * @param text the objective line as the model text stores it, for example {@code binary sigmoid:1}
 * @param sigmoid the sigmoid parameter of the binary objective
 */
public record Objective(String text, double sigmoid) {

    public Objective {
        if (text == null || !text.startsWith("binary")) {
            throw new ModelFormatException(
                    "objective '" + text + "' is not supported, this reader supports 'binary sigmoid:<s>' only");
        }
        if (!(sigmoid > 0) || Double.isInfinite(sigmoid)) {
            throw new ModelFormatException("objective sigmoid " + sigmoid + " must be a positive finite number");
        }
    }

    /** Reads the {@code objective=} value of a model text, for example {@code binary sigmoid:1}. */
    static Objective parse(String text) {
        String[] tokens = text.trim().split(" +");
        if (!tokens[0].equals("binary")) {
            throw new ModelFormatException(
                    "objective '" + text + "' is not supported, this reader supports 'binary sigmoid:<s>' only");
        }
        for (int i = 1; i < tokens.length; i++) {
            if (tokens[i].startsWith("sigmoid:")) {
                return new Objective(text, ModelNumbers.parseDouble(tokens[i].substring("sigmoid:".length())));
            }
        }
        throw new ModelFormatException(
                "objective '" + text + "' has no sigmoid parameter, the binary objective writes 'sigmoid:<s>'");
    }

    /** The probability of the positive class for a raw score, as LightGBM's binary objective converts it. */
    public double probability(double rawScore) {
        return 1.0 / (1.0 + Math.exp(-sigmoid * rawScore));
    }
}
