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
    /** Per parameter: its role, the variables next to it when it is a scale, and its offset signs. */
    record Result(Role[] roles, List<Set<Integer>> scaleVariables, boolean[] offsetPlus, boolean[] offsetMinus) {}

    private final ToIntFunction<Name> resolver;
    private final Role[] roles;
    private final List<Set<Integer>> scaleVars = new ArrayList<>();
    private final boolean[] plus;
    private final boolean[] minus;

    private Roles(ToIntFunction<Name> resolver, int parameterCount) {
        this.resolver = resolver;
        this.roles = new Role[parameterCount];
        this.plus = new boolean[parameterCount];
        this.minus = new boolean[parameterCount];
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
                r.visit(term, false);
            }
        }
        for (int k = 0; k < parameterCount; k++) {
            if (r.roles[k] == null) r.roles[k] = Role.GENERAL;
        }
        return new Result(r.roles, r.scaleVars, r.plus, r.minus);
    }

    private void mark(int k, Role role) {
        Role old = roles[k];
        roles[k] = old == null || old == role ? role : Role.GENERAL;
    }

    /** Visits a node that is not a top-level term; {@code inExponent}: inside the right operand of a {@code ^}. */
    private void visit(Node n, boolean inExponent) {
        if (n instanceof Name nm) {
            int k = resolver.applyAsInt(nm);
            if (k >= 0) mark(k, inExponent ? Role.EXPONENT : Role.GENERAL);
        } else if (n instanceof Neg neg) {
            visit(neg.operand(), inExponent);
        } else if (n instanceof Binary b && (b.op() == Op.MUL || b.op() == Op.DIV)) {
            List<Node> factors = new ArrayList<>();
            factors(b, factors);
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
                    visit(f, inExponent);
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
                }
            }
        } else if (n instanceof Binary b) {
            visit(b.left(), inExponent);
            visit(b.right(), inExponent || b.op() == Op.POW);
        } else if (n instanceof Call c) {
            for (Node a : c.args()) visit(a, inExponent);
        }
        // numbers: nothing to do; comparisons and logic do not occur in formulas
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

    /** The factors of a product through {@code *}, {@code /} and unary minus. */
    private static void factors(Node n, List<Node> out) {
        if (n instanceof Binary b && (b.op() == Op.MUL || b.op() == Op.DIV)) {
            factors(b.left(), out);
            factors(b.right(), out);
        } else if (n instanceof Neg neg) {
            factors(neg.operand(), out);
        } else {
            out.add(n);
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
