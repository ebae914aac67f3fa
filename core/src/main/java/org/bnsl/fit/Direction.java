package org.bnsl.fit;

import java.util.Locale;

import org.bnsl.InputException;

/** Whether the metric falls with scale (loss, error) or rises (accuracy, BLEU, reward). */
public enum Direction {
    /** Decide from the data: the sign of the least-squares slope of y against ln x. */
    AUTO,
    DOWN,
    UP;

    public static Direction parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("unknown direction '" + s + "'; expected up, down or auto");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
