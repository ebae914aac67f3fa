package org.bnsl.law;

import java.util.List;

/**
 * A scaling law y = f(x; p): a function of one or more variables (model size, data, compute) with
 * named parameters.
 *
 * <p>Implementations are immutable and thread-safe. Hot paths call {@link #value} and
 * {@link #valueAndGradient} once per point per iteration, so they must not allocate.
 */
public interface Law {

    /** The short name used on the command line and in model files, e.g. {@code bnsl}, {@code chinchilla}. */
    String name();

    /** The formula as a person would write it, for help text and reports. */
    String formula();

    /** Variable names in the order {@code x} arrays are given, e.g. {@code [x]} or {@code [N, D]}. */
    List<String> variables();

    /** Parameter names in the order parameter arrays are given. */
    List<String> parameters();

    default int parameterCount() {
        return parameters().size();
    }

    /** The law at one point; {@code x.length == variables().size()}. NaN where the law is undefined. */
    double value(double[] p, double[] x);

    /**
     * The law at one point and its gradient with respect to every parameter, written into
     * {@code grad} (length {@link #parameterCount()}). Returns the value.
     */
    double valueAndGradient(double[] p, double[] x, double[] grad);
}
