package org.bnsl.law.formula;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.data.Table;
import org.bnsl.law.DataRange;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Parameter;
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
 * <p><b>Fitting.</b> A formula is a {@link FittableLaw}: each parameter gets a {@link Role} read off
 * the syntax tree (see {@link #roles()}), and the role with the data's magnitudes gives its hard
 * bounds and starting range (see {@link #parameterSpecs(Series)}), so no user grid is needed.
 * Domains follow the space: fitted in linear space (residual ŷ − y) a variable may be zero or
 * negative wherever the formula is defined there (NIST's Lanczos problems have x = 0, Thurber and
 * Roszman1 x &lt; 0); in a log space every variable must be positive ({@link FittableLaw#checkData}).
 * Where the formula is undefined from every start the fitter names the row.
 *
 * <p>Immutable and thread-safe; {@link #value} and {@link #valueAndGradient} do not allocate (each
 * thread gets a workspace sized at its first call).
 */
public final class Formula implements FittableLaw {
    /** Hard bounds of an {@link Role#EXPONENT exponent}. */
    static final double EXPONENT_BOUND = 10;
    /** Upper end of an exponent's starting range, and the exponent a scale's range allows for. */
    static final double EXPONENT_START = 1.5;
    /** A scaled term starts between this fraction and this multiple of the data's |y|. */
    static final double TERM_SPAN = 1e3;

    /**
     * What a parameter does in the formula, which decides how it is fitted; see {@link #roles()}.
     */
    public enum Role {
        /** Only ever inside an exponent: real, bounded in [−10, 10], starts in [0, 1.5]. */
        EXPONENT,
        /**
         * A factor of a product with a variable in it: positive by default and fitted through its
         * log; the user's bound or a negative init lets it be negative, unless the formula forces
         * its sign (under a log or sqrt, or in the base of a non-integer power).
         */
        SCALE,
        /** A bare term of the top-level sum: real, starts between 0 and the least y (a floor). */
        OFFSET,
        /** Anything else, or several roles at once: real, unbounded, starts in [−1, 1]. */
        GENERAL
    }

    private final String text;
    private final List<String> variables;
    private final List<String> parameters;
    private final Program program;
    private final Roles.Result roles;
    private final java.util.BitSet linear;
    private final java.util.BitSet logLinear;

    private Formula(String text, List<String> variables, List<String> parameters, Program program,
            Roles.Result roles, java.util.BitSet linear, java.util.BitSet logLinear) {
        this.text = text;
        this.variables = variables;
        this.parameters = parameters;
        this.program = program;
        this.roles = roles;
        this.linear = linear;
        this.logLinear = logLinear;
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
                throw new InputException("variable name " + Table.quote(v) + " is not an identifier (letters, digits, _)");
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
        Program.Resolver resolver = name -> {
            Integer j = varIndex.get(name.name());
            return j != null ? -1 - j : paramIndex.get(name.name());
        };
        Program program = Program.compile(parsed.root(), resolver, params.size(), variables.size());
        Roles.Result roles = Roles.of(parsed.root(), resolver::resolve, params.size());
        return new Formula(text, List.copyOf(variables), List.copyOf(params), program, roles,
                Linearity.of(parsed.root(), resolver::resolve, false), Linearity.of(parsed.root(), resolver::resolve, true));
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

    /** A formula's starts are guessed from its syntax: a suspect fit is searched again from wider ones. */
    @Override
    public boolean widensSearch() {
        return true;
    }

    /**
     * The parameters the formula is jointly affine in ({@code logSpace} false), or, for a formula
     * {@code exp(g)}, those g is affine in ({@code logSpace} true): read off the syntax by the rules
     * of {@link Linearity}; the fitter solves them in closed form (variable projection).
     */
    @Override
    public java.util.BitSet linearParameters(boolean logSpace) {
        return (java.util.BitSet) (logSpace ? logLinear : linear).clone();
    }

    /**
     * Each parameter's role, in the order of {@link #parameters()}, read off the syntax tree by
     * these rules, applied to every occurrence of the parameter:
     *
     * <ol>
     *   <li>inside the right operand of a {@code ^} (at any depth, e.g. {@code c} in
     *       {@code x^(-c)} or {@code N^(a*b)}): {@link Role#EXPONENT};
     *   <li>otherwise, a bare factor of a product, the product read through {@code *}, {@code /}
     *       and unary minus, whose other factors contain a variable: {@link Role#SCALE} (e.g.
     *       {@code A} in {@code A/N^alpha}, {@code b} in {@code -b*x^c}, {@code x0} in
     *       {@code (x0/x)^alpha}, {@code tau} in {@code exp(-x/tau)});
     *   <li>otherwise, a bare term of the top-level sum, read through {@code +}, {@code -} and
     *       unary minus: {@link Role#OFFSET} (e.g. {@code E} in {@code E + A/N^alpha});
     *   <li>otherwise (inside a function, a nested sum, a product with no variable, the base of a
     *       power on its own): {@link Role#GENERAL}.
     * </ol>
     *
     * A parameter whose occurrences get different roles is {@link Role#GENERAL}. A scale is
     * positive by default, so a decreasing linear term is best written {@code a - b*x}; with
     * {@code a + b*x}, give {@code b} a bound or a negative init.
     */
    public Map<String, Role> roles() {
        Map<String, Role> m = new LinkedHashMap<>();
        for (int k = 0; k < parameters.size(); k++) m.put(parameters.get(k), roles.roles()[k]);
        return m;
    }

    /**
     * Bounds and starting ranges by {@linkplain #roles() role}, from the data's magnitudes: with
     * y_lo, y_hi the least and largest non-zero |y|, y_min, y_max the least and largest y, and Λ
     * the largest |ln x| over the data of the variables in a scale's other factors,
     *
     * <ul>
     *   <li>{@link Role#EXPONENT}: p in [−10, 10], starts in [0, 1.5];
     *   <li>{@link Role#SCALE}: p &gt; 0 by default, fitted through ln p (a {@link Parameter#signedScale()
 *       signed scale}: {@code --bound} or a negative {@code --init} lets it be negative, and it is
 *       then fitted as is); p &gt; 0 always where the formula forces it (the scale is under
 *       {@code log}, {@code log1p} or {@code sqrt}, or in the base of a power whose exponent is not
 *       an integer constant: {@code x0} in {@code (x0/x)^alpha}). A scale met only inside a
 *       function's argument starts with p·x (or x/p) of order 1: ln p in
 *       [−ln max|x| − ln 10, −ln min|x| + ln 10] (or [ln min|x| − ln 10, ln max|x| + ln 10]), min|x|
 *       the least non-zero |x| of its variables; inside sin, cos or tan, a period x/p starts at
 *       |p| &gt;= 2Δ and a frequency p·x at |p| &lt;= 1/(2Δ), Δ the least step between the variable's
 *       values (Nyquist: shorter periods are aliases on such a grid). Any other scale's ln |p| starts in
     *       [ln(10⁻³·y_lo) − 1.5·Λ, ln(10³·y_hi) + 1.5·Λ] (clamped to [−700, 700]): the term it
     *       scales, s·x^e with |e| &lt;= 1.5, then spans 10⁻³ to 10³ times the data;
     *   <li>{@link Role#OFFSET}: real, starts in [0, y_min] when y_min &gt; 0, else [y_min, y_max];
     *       negated for a subtracted term, the union when it occurs with both signs. When it is one
     *       term of the top-level sum and the syntax shows the rest of the sum is never negative
     *       (scales, variables, powers of them, exp, …: {@code E} in {@code E + A/N^alpha}), its
     *       term is by default at most y_min, a floor under the data; when the rest is never
     *       positive ({@code c} in {@code c - b*x^(-a)}), at least y_max, a ceiling over it,
     *       starting in [y_max, y_max + (y_max − y_min)]. A user's bound replaces these;
     *   <li>{@link Role#GENERAL}: real, starts in [−1, 1]; a location, subtracted from a variable in
 *       a nested sum ({@code b} in {@code (x - b)^2}), starts within the variable's range; a width,
 *       whose integer power divides a factor in one variable ({@code w} in {@code (x - b)^2/w^2}),
 *       starts between 1/100 of that variable's spread and the spread.
     * </ul>
     *
     * User bounds, fixes and inits ({@code LawFitOptions}) apply on top of these in the fitter.
     */
    @Override
    public List<Parameter> parameterSpecs(Series data) {
        DataRange r = new DataRange(data);
        double yMin = r.yMin, yMax = r.yMax, yLo = r.yLo, yHi = r.yHi;
        // the largest |ln x| of each variable, over its positive values
        double[] lnAbs = new double[data.dimension()];
        for (int j = 0; j < lnAbs.length; j++) {
            lnAbs[j] = Math.max(Math.abs(r.lnMin[j]), Math.abs(r.lnMax[j]));
        }
        List<Parameter> out = new ArrayList<>(parameters.size());
        for (int k = 0; k < parameters.size(); k++) {
            String name = parameters.get(k);
            switch (roles.roles()[k]) {
                case EXPONENT -> out.add(Parameter.bounded(name, -EXPONENT_BOUND, EXPONENT_BOUND, 0, EXPONENT_START));
                case SCALE -> {
                    double lambda = 0;
                    for (int j : roles.scaleVariables().get(k)) lambda = Math.max(lambda, lnAbs[j]);
                    double lo = Math.log(yLo / TERM_SPAN) - EXPONENT_START * lambda;
                    double hi = Math.log(yHi * TERM_SPAN) + EXPONENT_START * lambda;
                    int arg = roles.argumentScale()[k];
                    if (arg != 0) {
                        // inside a function's argument b·x (or x/b) is of order 1: |b| within a decade
                        // beyond 1/|x| (or |x|) over the data
                        double[] ax = absRange(data, roles.scaleVariables().get(k));
                        lo = arg > 0 ? -Math.log(ax[1]) - Math.log(10) : Math.log(ax[0]) - Math.log(10);
                        hi = arg > 0 ? -Math.log(ax[0]) + Math.log(10) : Math.log(ax[1]) + Math.log(10);
                        double step = roles.periodic()[k] ? leastStep(data, roles.scaleVariables().get(k)) : 0;
                        if (step > 0) {
                            // sampled every Δ, a period below 2Δ is an alias of a longer one (Nyquist):
                            // a period x/b starts at |b| >= 2Δ, a frequency b·x at |b| <= 1/(2Δ)
                            if (arg < 0) lo = Math.min(hi, Math.max(lo, Math.log(2 * step)));
                            else hi = Math.max(lo, Math.min(hi, -Math.log(2 * step)));
                        }
                    }
                    lo = Math.max(-700, lo);
                    hi = Math.min(700, hi);
                    out.add(roles.forcedPositive()[k] ? Parameter.scaleLn(name, lo, hi) : Parameter.signedScaleLn(name, lo, hi));
                }
                case OFFSET -> {
                    double a = yMin > 0 ? 0 : yMin, b = yMin > 0 ? yMin : yMax;
                    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                    if (roles.offsetPlus()[k]) {
                        lo = a;
                        hi = b;
                    }
                    if (roles.offsetMinus()[k]) {
                        lo = Math.min(lo, -b);
                        hi = Math.max(hi, -a);
                    }
                    out.add(offset(name, roles.offsetPlus()[k] ? 1 : -1, roles.restSign()[k], lo, hi, r));
                }
                default -> {
                    int j = roles.locationOf()[k];
                    int wj = roles.widthOf()[k];
                    if (wj >= 0) {
                        // a width w in (x - m)^2/w^2: starts between a hundredth of x's spread and the spread
                        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                        for (int i = 0; i < data.size(); i++) {
                            lo = Math.min(lo, data.x(wj, i));
                            hi = Math.max(hi, data.x(wj, i));
                        }
                        double spread = hi > lo ? hi - lo : 1;
                        out.add(Parameter.free(name, spread / 100, spread));
                    } else if (j < 0) {
                        out.add(Parameter.free(name, -1, 1));
                    } else {
                        // a location (x − b): starts within the variable's range
                        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                        for (int i = 0; i < data.size(); i++) {
                            lo = Math.min(lo, data.x(j, i));
                            hi = Math.max(hi, data.x(j, i));
                        }
                        out.add(Parameter.free(name, lo, hi));
                    }
                }
            }
        }
        return out;
    }

    /** The least positive gap between distinct values of the one variable in {@code vars} (0 if several or none). */
    private static double leastStep(Series data, java.util.Set<Integer> vars) {
        if (vars.size() != 1) return 0;
        int j = vars.iterator().next();
        double[] v = new double[data.size()];
        for (int i = 0; i < v.length; i++) v[i] = data.x(j, i);
        java.util.Arrays.sort(v);
        double step = Double.POSITIVE_INFINITY;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[i - 1]) step = Math.min(step, v[i] - v[i - 1]);
        }
        return Double.isFinite(step) ? step : 0;
    }

    /** The least non-zero and the largest |x| over the given variables (1 and 1 when all are 0). */
    private static double[] absRange(Series data, java.util.Set<Integer> vars) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int j : vars) {
            for (int i = 0; i < data.size(); i++) {
                double a = Math.abs(data.x(j, i));
                if (a > 0) lo = Math.min(lo, a);
                hi = Math.max(hi, a);
            }
        }
        return hi > 0 ? new double[] {lo, hi} : new double[] {1, 1};
    }

    /**
     * An offset's spec, for its term s·p (s = ±1) in y = s·p + R. When the rest R is never negative
     * ({@code restSign} +1), s·p lies under every value of the formula, so by default s·p &lt;= min y
     * (the floor of a falling metric: no observation lies below it). When R is never positive (−1),
     * s·p &gt;= max y by default (the ceiling of a rising metric), starting in [max y, max y + spread].
     * Otherwise p is free, starting in {@code lo..hi}.
     */
    private static Parameter offset(String name, int s, int restSign, double lo, double hi, DataRange r) {
        double inf = Double.POSITIVE_INFINITY;
        if (restSign > 0) {
            Parameter p = Parameter.free(name, lo, hi);
            return s > 0 ? p.withDefaultBounds(-inf, r.yMin) : p.withDefaultBounds(-r.yMin, inf);
        }
        if (restSign < 0) {
            double spread = Math.max(r.yMax - r.yMin, 1e-3 * r.yHi);
            return s > 0 ? Parameter.free(name, r.yMax, r.yMax + spread).withDefaultBounds(r.yMax, inf)
                    : Parameter.free(name, -r.yMax - spread, -r.yMax).withDefaultBounds(-inf, -r.yMax);
        }
        return Parameter.free(name, lo, hi);
    }

    /**
     * In linear space only that every value is finite (a variable may be zero or negative); in a
     * log space every variable must be positive, as for the built-in laws.
     */
    @Override
    public void checkData(Series data, boolean linearSpace) {
        if (!linearSpace) {
            checkData(data);
            return;
        }
        if (data.dimension() != variables.size()) {
            throw new InputException(data.source() + ": the formula takes variables " + variables
                    + " but the series has " + data.dimension() + " (" + data.variables() + ")");
        }
        if (data.size() == 0) throw new InputException(data.source() + ": no points to fit the formula");
        for (int i = 0; i < data.size(); i++) {
            if (!Double.isFinite(data.y(i))) {
                throw new InputException(data.where(i) + ": y = " + data.y(i) + " is not finite");
            }
            for (int j = 0; j < data.dimension(); j++) {
                if (!Double.isFinite(data.x(j, i))) {
                    throw new InputException(data.where(i) + ": " + variables.get(j) + " = " + data.x(j, i) + " is not finite");
                }
            }
        }
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
