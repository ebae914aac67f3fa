package org.bnsl.law.formula;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bnsl.InputException;
import org.bnsl.law.Law;
import org.bnsl.law.formula.Node.Fn;
import org.bnsl.law.formula.Node.Name;

/**
 * A law written by the user, such as {@code E + A/N^alpha + B/D^beta} with variables {@code N}
 * and {@code D} (Hoffmann et al. 2022 eq. 2), compiled once into a flat program that computes the
 * value and, by forward-mode automatic differentiation, the gradient with respect to every
 * parameter.
 *
 * <p><b>Names.</b> Every identifier that is one of the declared variables is a variable; every
 * other identifier that is not a function is a parameter, and parameters are numbered in the
 * order they first appear in the text. Identifiers are case-sensitive. {@code pi} is the constant
 * π; {@code e} is an ordinary identifier (a parameter unless declared a variable), because users
 * write {@code E} or {@code e} for a loss floor. The grammar is in the
 * {@linkplain org.bnsl.law.formula package documentation}.
 *
 * <p><b>Domain.</b> Evaluation follows IEEE arithmetic: {@code log} of a negative number is NaN,
 * {@code 1/0} is infinite. A power {@code a^b} whose exponent depends on a parameter is NaN unless
 * {@code a > 0} (its derivative needs ln a); a power with a constant or variable-only exponent is
 * {@link Math#pow}. {@code min} and {@code max} pass the derivative to the first extreme argument;
 * {@code abs} has derivative 0 at 0. {@code softplus(z) = max(z,0) + log1p(e^−|z|)}, {@code sigmoid}
 * and {@code logsumexp} are computed without overflow.
 *
 * <p>Immutable and thread-safe; {@link #value} and {@link #valueAndGradient} do not allocate (each
 * thread gets a workspace sized at its first call).
 */
public final class Formula implements Law {
    private final String text;
    private final List<String> variables;
    private final List<String> parameters;
    private final Program program;

    private Formula(String text, List<String> variables, List<String> parameters, Program program) {
        this.text = text;
        this.variables = variables;
        this.parameters = parameters;
        this.program = program;
    }

    /**
     * Parses and compiles {@code text} with the given variable names.
     *
     * @throws InputException one line naming the problem and its 1-based column, e.g.
     *     {@code unknown function 'lg' at column 7}, or naming a variable that does not appear, or
     *     saying the formula has no parameters
     */
    public static Formula compile(String text, List<String> variables) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(variables, "variables");
        Errors errors = new Errors("", text, "formula");
        Map<String, Integer> varIndex = new HashMap<>();
        for (int j = 0; j < variables.size(); j++) {
            String v = variables.get(j);
            if (!Lexer.isIdentifier(v)) {
                throw new InputException("variable name '" + v + "' is not an identifier (letters, digits, _)");
            }
            if (Fn.named(v) != null) {
                throw new InputException("variable name '" + v + "' is the name of a function");
            }
            if (v.equals("pi")) {
                throw new InputException("variable name 'pi' is the constant π");
            }
            if (varIndex.put(v, j) != null) {
                throw new InputException("variable '" + v + "' is declared twice");
            }
        }
        Parser.Parsed parsed = Parser.formula(text, errors);
        List<String> params = new ArrayList<>();
        Map<String, Integer> paramIndex = new HashMap<>();
        Set<String> seenVars = new HashSet<>();
        for (Name n : parsed.names()) {
            if (varIndex.containsKey(n.name())) {
                seenVars.add(n.name());
            } else if (!paramIndex.containsKey(n.name())) {
                paramIndex.put(n.name(), params.size());
                params.add(n.name());
            }
        }
        for (String v : variables) {
            if (!seenVars.contains(v)) {
                throw new InputException("variable '" + v + "' does not appear in the formula");
            }
        }
        if (params.isEmpty()) {
            throw new InputException("the formula has no parameters to fit: every name in it is a variable");
        }
        Program program = Program.compile(parsed.root(), name -> {
            Integer j = varIndex.get(name.name());
            return j != null ? -1 - j : paramIndex.get(name.name());
        }, params.size(), variables.size());
        return new Formula(text, List.copyOf(variables), List.copyOf(params), program);
    }

    @Override
    public String name() {
        return "formula";
    }

    @Override
    public String formula() {
        return text;
    }

    @Override
    public List<String> variables() {
        return variables;
    }

    @Override
    public List<String> parameters() {
        return parameters;
    }

    @Override
    public double value(double[] p, double[] x) {
        check(p, x);
        return program.value(p, x);
    }

    @Override
    public double valueAndGradient(double[] p, double[] x, double[] grad) {
        check(p, x);
        if (grad.length < parameters.size()) {
            throw new IllegalArgumentException("grad has length " + grad.length + ", need " + parameters.size());
        }
        return program.valueAndGradient(p, x, grad);
    }

    /** The gradient at one point in a new array of length {@link #parameterCount()}; for tests and reports. */
    public double[] gradient(double[] p, double[] x) {
        double[] grad = new double[parameters.size()];
        valueAndGradient(p, x, grad);
        return grad;
    }

    private void check(double[] p, double[] x) {
        if (p.length < parameters.size() || x.length < variables.size()) {
            throw new IllegalArgumentException("need " + parameters.size() + " parameters and "
                    + variables.size() + " variables, got " + p.length + " and " + x.length);
        }
    }

    @Override
    public String toString() {
        return "formula " + text + " (variables " + variables + ", parameters " + parameters + ")";
    }
}
