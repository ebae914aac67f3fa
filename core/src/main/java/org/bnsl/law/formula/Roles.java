package org.bnsl.law.formula;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.bnsl.law.formula.Formula.Role;
import org.bnsl.law.formula.Node.Binary;
import org.bnsl.law.formula.Node.Call;
import org.bnsl.law.formula.Node.Name;
import org.bnsl.law.formula.Node.Neg;
import org.bnsl.law.formula.Node.Op;

/**
 * Reads each parameter's {@link Role} off a formula's syntax tree; the rules are in
 * {@link Formula#roles()}. Every occurrence of a parameter gets a role; a parameter whose
 * occurrences disagree is {@link Role#GENERAL}.
 */
final class Roles {
    /**
     * Per parameter: its role, the variables next to it when it is a scale, its offset signs, and
     * for an offset that is one term of the sum, the sign of the rest of the sum: +1 when it is
     * never negative (the offset's term is a floor under every value of the formula), −1 when it
     * is never positive (a ceiling), 0 when the syntax does not tell.
     */
    record Result(Role[] roles, List<Set<Integer>> scaleVariables, boolean[] offsetPlus, boolean[] offsetMinus,
                  int[] restSign, boolean[] forcedPositive, int[] locationOf, int[] argumentScale,
                  int[] widthOf, boolean[] periodic) {}

    private final ToIntFunction<Name> resolver;
    private final Role[] roles;
    private final List<Set<Integer>> scaleVars = new ArrayList<>();
    private final boolean[] plus;
    private final boolean[] minus;
    /** A scale the structure forces positive: under a log or sqrt, or in the base of a non-integer power. */
    private final boolean[] forced;
    /**
     * Per parameter: the variable it is subtracted from or compared with, as a bare term of a
     * nested sum with the opposite sign ({@code b} in {@code (x - b)^2}), or −1 (−2 for several).
     */
    private final int[] location;
    /**
     * Per parameter, for a scale met only inside a function's argument ({@code b} in
     * {@code exp(-b*x)} or {@code sin(x/b)}): +1 when it multiplies the variables (b·x is of order
     * 1, so b ~ 1/x), −1 when it divides them (b ~ x); 0 when not such a scale, 2 when mixed.
     */
    private final int[] argScale;
    private final boolean[] outsideFunction;
    /**
     * Per parameter: the variable of a width, a {@code w} whose integer power divides a factor in
     * one variable ({@code w} in {@code (x - m)^2/w^2}), or −1 (−2 for several).
     */
    private final int[] width;
    private boolean inFunction;
    /** Whether the innermost function being visited is sin, cos or tan. */
    private boolean inPeriodic;
    /** Per parameter: a scale met inside the argument of sin, cos or tan. */
    private final boolean[] periodic;

    private Roles(ToIntFunction<Name> resolver, int parameterCount) {
        this.resolver = resolver;
        this.roles = new Role[parameterCount];
        this.plus = new boolean[parameterCount];
        this.minus = new boolean[parameterCount];
        this.forced = new boolean[parameterCount];
        this.location = new int[parameterCount];
        this.argScale = new int[parameterCount];
        this.outsideFunction = new boolean[parameterCount];
        this.width = new int[parameterCount];
        this.periodic = new boolean[parameterCount];
        java.util.Arrays.fill(width, -1);
        java.util.Arrays.fill(location, -1);
        for (int k = 0; k < parameterCount; k++) scaleVars.add(new HashSet<>());
    }

    /** {@code resolver} gives {@code k >= 0} for parameter k and {@code -1 - j} for variable j. */
    static Result of(Node root, ToIntFunction<Name> resolver, int parameterCount) {
        Roles r = new Roles(resolver, parameterCount);
        List<Node> terms = new ArrayList<>();
        List<Boolean> signs = new ArrayList<>();
        sumTerms(root, true, terms, signs);
        for (int t = 0; t < terms.size(); t++) {
            Node term = terms.get(t);
            int k = term instanceof Name nm ? resolver.applyAsInt(nm) : -1;
            if (k >= 0) {
                r.mark(k, Role.OFFSET);
                if (signs.get(t)) r.plus[k] = true;
                else r.minus[k] = true;
            } else {
                r.visit(term, false, false);
            }
        }
        for (int k = 0; k < parameterCount; k++) {
            if (r.roles[k] == null) r.roles[k] = Role.GENERAL;
        }
        int[] rest = new int[parameterCount];
        for (int k = 0; k < parameterCount; k++) {
            if (r.roles[k] != Role.OFFSET || r.plus[k] == r.minus[k]) continue;
            int own = 0;
            int sign = 2; // none seen yet
            for (int t = 0; t < terms.size(); t++) {
                if (terms.get(t) instanceof Name nm && resolver.applyAsInt(nm) == k) {
                    own++;
                    continue;
                }
                int st = r.sign(terms.get(t)) * (signs.get(t) ? 1 : -1);
                sign = sign == 2 || sign == st ? st : 0;
            }
            rest[k] = own == 1 && sign != 2 ? sign : 0;
        }
        int[] loc = r.location.clone();
        for (int k = 0; k < parameterCount; k++) {
            if (r.roles[k] != Role.GENERAL || loc[k] < 0) loc[k] = -1;
        }
        int[] arg = new int[parameterCount];
        for (int k = 0; k < parameterCount; k++) {
            arg[k] = r.roles[k] == Role.SCALE && !r.outsideFunction[k] && Math.abs(r.argScale[k]) == 1 ? r.argScale[k] : 0;
        }
        int[] wid = r.width.clone();
        for (int k = 0; k < parameterCount; k++) {
            if (r.roles[k] != Role.GENERAL || wid[k] < 0 || loc[k] >= 0) wid[k] = -1;
        }
        return new Result(r.roles, r.scaleVars, r.plus, r.minus, rest, r.forced, loc, arg, wid, r.periodic);
    }

    /**
     * The sign a node's value always has, read off the syntax (once roles are known): +1 never
     * negative, −1 never positive, 0 unknown. Variables are positive (the data is checked) and so are
     * scales (fitted through their logs); a power of a non-negative base is non-negative (or NaN);
     * exp, sqrt, abs, softplus and sigmoid are non-negative.
     */
    private int sign(Node n) {
        if (n instanceof Node.Num num) return num.value() >= 0 ? 1 : -1;
        if (n instanceof Name nm) {
            int k = resolver.applyAsInt(nm);
            return k < 0 || roles[k] == Role.SCALE ? 1 : 0;
        }
        if (n instanceof Neg neg) return -sign(neg.operand());
        if (n instanceof Binary b) {
            int l = sign(b.left()), r = sign(b.right());
            return switch (b.op()) {
                case MUL, DIV -> l * r;
                case ADD -> l == r ? l : 0;
                case SUB -> l == -r ? l : 0;
                case POW -> l == 1 ? 1 : 0;
                default -> 0;
            };
        }
        if (n instanceof Call c) {
            boolean anyPos = false, anyNeg = false, allPos = true, allNeg = true;
            for (Node a : c.args()) {
                int s = sign(a);
                anyPos |= s == 1;
                anyNeg |= s == -1;
                allPos &= s == 1;
                allNeg &= s == -1;
            }
            return switch (c.fn()) {
                case EXP, SQRT, ABS, SOFTPLUS, SIGMOID -> 1;
                case TANH, ATAN, ERF -> allPos ? 1 : allNeg ? -1 : 0; // odd and increasing: the argument's sign
                case MIN -> anyNeg ? -1 : allPos ? 1 : 0;
                case MAX -> anyPos ? 1 : allNeg ? -1 : 0;
                default -> 0;
            };
        }
        return 0;
    }

    private void mark(int k, Role role) {
        Role old = roles[k];
        roles[k] = old == null || old == role ? role : Role.GENERAL;
    }

    /**
     * Visits a node that is not a top-level term; {@code inExponent}: inside the right operand of a
     * {@code ^}; {@code positive}: inside an argument of log, log1p or sqrt, or the base of a power
     * whose exponent is not an integer constant, where a scale's sign is forced.
     */
    private void visit(Node n, boolean inExponent, boolean positive) {
        if (n instanceof Name nm) {
            int k = resolver.applyAsInt(nm);
            if (k >= 0) mark(k, inExponent ? Role.EXPONENT : Role.GENERAL);
        } else if (n instanceof Neg neg) {
            visit(neg.operand(), inExponent, positive);
        } else if (n instanceof Binary b && (b.op() == Op.MUL || b.op() == Op.DIV)) {
            List<Node> factors = new ArrayList<>();
            List<Boolean> sides = new ArrayList<>();
            factors(b, true, factors, sides);
            List<Set<Integer>> vars = new ArrayList<>();
            for (Node f : factors) {
                Set<Integer> v = new HashSet<>();
                variables(f, v);
                vars.add(v);
            }
            for (int i = 0; i < factors.size(); i++) {
                Node f = factors.get(i);
                int k = f instanceof Name nm ? resolver.applyAsInt(nm) : -1;
                if (k < 0) {
                    // w^2 dividing a square of a location difference, (x - m)^2/w^2: a width in x
                    if (f instanceof Binary pw && pw.op() == Op.POW && pw.left() instanceof Name wn
                            && resolver.applyAsInt(wn) >= 0 && integer(pw.right()) && !sides.get(i)) {
                        for (int j = 0; j < factors.size(); j++) {
                            if (j == i || !sides.get(j) || vars.get(j).size() != 1) continue;
                            int v = vars.get(j).iterator().next();
                            int kw = resolver.applyAsInt(wn);
                            width[kw] = width[kw] == -1 || width[kw] == v ? v : -2;
                        }
                    }
                    visit(f, inExponent, positive);
                    continue;
                }
                if (inExponent) {
                    mark(k, Role.EXPONENT);
                    continue;
                }
                Set<Integer> others = new HashSet<>();
                for (int j = 0; j < factors.size(); j++) {
                    if (j != i) others.addAll(vars.get(j));
                }
                if (others.isEmpty()) {
                    mark(k, Role.GENERAL);
                } else {
                    mark(k, Role.SCALE);
                    scaleVars.get(k).addAll(others);
                    if (positive) forced[k] = true;
                    if (!inFunction) {
                        outsideFunction[k] = true;
                    } else {
                        int side = 0;
                        for (int j = 0; j < factors.size(); j++) {
                            if (j == i || vars.get(j).isEmpty()) continue;
                            int sj = sides.get(j).equals(sides.get(i)) ? 1 : -1;
                            side = side == 0 || side == sj ? sj : 2;
                        }
                        argScale[k] = argScale[k] == 0 || argScale[k] == side ? side : 2;
                        if (inPeriodic) periodic[k] = true;
                    }
                }
            }
        } else if (n instanceof Binary b && (b.op() == Op.ADD || b.op() == Op.SUB)) {
            List<Node> terms = new ArrayList<>();
            List<Boolean> signs = new ArrayList<>();
            sumTerms(b, true, terms, signs);
            // the bare variables of this sum, with their signs, found once: a long sum costs O(terms)
            List<int[]> bareVariables = new ArrayList<>();
            for (int u = 0; u < terms.size(); u++) {
                if (terms.get(u) instanceof Name vn && resolver.applyAsInt(vn) < 0) {
                    bareVariables.add(new int[] {-1 - resolver.applyAsInt(vn), signs.get(u) ? 1 : 0});
                }
            }
            for (int t = 0; t < terms.size() && !bareVariables.isEmpty(); t++) {
                if (!(terms.get(t) instanceof Name pn) || resolver.applyAsInt(pn) < 0) continue;
                int k = resolver.applyAsInt(pn);
                for (int[] v : bareVariables) {
                    if ((v[1] == 1) != signs.get(t)) {
                        location[k] = location[k] == -1 || location[k] == v[0] ? v[0] : -2;
                    }
                }
            }
            // the terms, not the two operands: visiting nested sums again would flatten them again
            for (Node t : terms) visit(t, inExponent, positive);
        } else if (n instanceof Binary b) {
            boolean integerPower = b.op() == Op.POW && integer(b.right());
            visit(b.left(), inExponent, positive || (b.op() == Op.POW && !integerPower));
            visit(b.right(), inExponent || b.op() == Op.POW, positive);
        } else if (n instanceof Call c) {
            boolean arg = c.fn() == Node.Fn.LOG || c.fn() == Node.Fn.LOG1P || c.fn() == Node.Fn.SQRT;
            boolean was = inFunction, wasPeriodic = inPeriodic;
            inFunction = true;
            inPeriodic = c.fn() == Node.Fn.SIN || c.fn() == Node.Fn.COS || c.fn() == Node.Fn.TAN;
            for (Node a : c.args()) visit(a, inExponent, positive || arg);
            inFunction = was;
            inPeriodic = wasPeriodic;
        }
        // numbers: nothing to do; comparisons and logic do not occur in formulas
    }

    /** Whether {@code n} is an integer constant, such as {@code 2} or {@code -1}. */
    private static boolean integer(Node n) {
        if (n instanceof Neg neg) return integer(neg.operand());
        return n instanceof Node.Num num && num.value() == Math.rint(num.value()) && Double.isFinite(num.value());
    }

    /** The terms of a sum through {@code +}, {@code -} and unary minus, with their signs. */
    private static void sumTerms(Node n, boolean sign, List<Node> terms, List<Boolean> signs) {
        if (n instanceof Binary b && (b.op() == Op.ADD || b.op() == Op.SUB)) {
            sumTerms(b.left(), sign, terms, signs);
            sumTerms(b.right(), b.op() == Op.ADD ? sign : !sign, terms, signs);
        } else if (n instanceof Neg neg) {
            sumTerms(neg.operand(), !sign, terms, signs);
        } else {
            terms.add(n);
            signs.add(sign);
        }
    }

    /** The factors of a product through {@code *}, {@code /} and unary minus, each with its side (true: numerator). */
    private static void factors(Node n, boolean side, List<Node> out, List<Boolean> sides) {
        if (n instanceof Binary b && (b.op() == Op.MUL || b.op() == Op.DIV)) {
            factors(b.left(), side, out, sides);
            factors(b.right(), b.op() == Op.MUL ? side : !side, out, sides);
        } else if (n instanceof Neg neg) {
            factors(neg.operand(), side, out, sides);
        } else {
            out.add(n);
            sides.add(side);
        }
    }

    private void variables(Node n, Set<Integer> out) {
        if (n instanceof Name nm) {
            int k = resolver.applyAsInt(nm);
            if (k < 0) out.add(-1 - k);
        } else if (n instanceof Neg neg) {
            variables(neg.operand(), out);
        } else if (n instanceof Binary b) {
            variables(b.left(), out);
            variables(b.right(), out);
        } else if (n instanceof Call c) {
            for (Node a : c.args()) variables(a, out);
        }
    }
}
