package org.bnsl.law;

import java.util.List;

/** Names, formula and variable/parameter lists shared by the built-in laws. */
abstract class AbstractLaw implements FittableLaw {
    private final String name;
    private final String formula;
    private final List<String> variables;
    private final List<String> parameters;

    AbstractLaw(String name, String formula, List<String> variables, List<String> parameters) {
        this.name = name;
        this.formula = formula;
        this.variables = List.copyOf(variables);
        this.parameters = List.copyOf(parameters);
    }

    @Override public final String name() { return name; }

    @Override public final String formula() { return formula; }

    @Override public final List<String> variables() { return variables; }

    @Override public final List<String> parameters() { return parameters; }

    @Override public final int parameterCount() { return parameters.size(); }

    @Override
    public double valueAndGradient(double[] p, double[] x, double[] grad) {
        // laws that use ln x override the four-argument form; x.length is at most 3 here
        switch (x.length) {
            case 1: return valueAndGradient1(p, x, Math.log(x[0]), grad);
            default: return valueAndGradientN(p, x, grad);
        }
    }

    /** One-variable laws: the value and gradient given ln x. */
    double valueAndGradient1(double[] p, double[] x, double lnx, double[] grad) {
        throw new UnsupportedOperationException();
    }

    /** Multi-variable laws override this. */
    double valueAndGradientN(double[] p, double[] x, double[] grad) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double valueAndGradient(double[] p, double[] x, double[] lnx, double[] grad) {
        if (x.length == 1) return valueAndGradient1(p, x, lnx[0], grad);
        return valueAndGradientN(p, x, lnx, grad);
    }

    /** Multi-variable laws given ln x; by default ignores the logs. */
    double valueAndGradientN(double[] p, double[] x, double[] lnx, double[] grad) {
        return valueAndGradientN(p, x, grad);
    }

    @Override
    public String toString() {
        return name + ": " + formula;
    }
}
