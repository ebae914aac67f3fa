package org.bnsl.law.formula;

import java.util.BitSet;
import java.util.function.ToIntFunction;
import org.bnsl.law.formula.Node.Binary;
import org.bnsl.law.formula.Node.Call;
import org.bnsl.law.formula.Node.Name;
import org.bnsl.law.formula.Node.Neg;

/**
 * The parameters a formula is jointly affine in, read off its syntax tree: f = Σₖ pₖ·hₖ + r, where
 * no hₖ nor r depends on any of those pₖ (b1, b2, b3 in {@code b1 + b2*exp(-x*b4) + b3*exp(-x*b5)};
 * the numerator's b1..b4 in {@code (b1 + b2*x + b3*x^2 + b4*x^3)/(1 + b5*x + …)}). A fitter can
 * solve them in closed form for given other parameters (variable projection, Golub and Pereyra
 * 1973). The rules, with L(n) the set a node is affine in and P(n) the parameters it contains:
 * a parameter is affine in itself; a number or variable in nothing; L(−a) = L(a);
 * L(a ± b) = (L(a) ∪ ¬P(a)) ∩ (L(b) ∪ ¬P(b)) ∩ (P(a) ∪ P(b)); L(a·b) = L(a) − P(b) or L(b) − P(a),
 * the larger (a product of two of them is not affine); L(a/b) = L(a) − P(b); a power or function
 * is affine in nothing. Sufficient, not necessary: what it does not see is fitted as usual.
 */
final class Linearity {
    private final ToIntFunction<Name> resolver;

    private Linearity(ToIntFunction<Name> resolver) {
        this.resolver = resolver;
    }

    /**
     * The parameters {@code root} is jointly affine in ({@code log} false), or, with {@code log}
     * true, those ln f is affine in: when the formula is {@code exp(g)}, the parameters g is affine in
     * (the log-linear laws of Clark et al. 2022), else none.
     */
    static BitSet of(Node root, ToIntFunction<Name> resolver, boolean log) {
        Linearity l = new Linearity(resolver);
        if (!log) return l.affine(root);
        if (root instanceof Call c && c.fn() == Node.Fn.EXP) return l.affine(c.args().get(0));
        return new BitSet();
    }

    private BitSet affine(Node n) {
        BitSet out = new BitSet();
        if (n instanceof Name nm) {
            int k = resolver.applyAsInt(nm);
            if (k >= 0) out.set(k);
        } else if (n instanceof Neg neg) {
            out = affine(neg.operand());
        } else if (n instanceof Binary b) {
            switch (b.op()) {
                case ADD, SUB -> {
                    BitSet pa = params(b.left()), pb = params(b.right());
                    BitSet la = affine(b.left()), lb = affine(b.right());
                    BitSet okA = complementWithin(pa, la), okB = complementWithin(pb, lb);
                    out.or(pa);
                    out.or(pb);
                    out.andNot(okA);
                    out.andNot(okB);
                }
                case MUL -> {
                    BitSet left = affine(b.left());
                    left.andNot(params(b.right()));
                    BitSet right = affine(b.right());
                    right.andNot(params(b.left()));
                    out = right.cardinality() > left.cardinality() ? right : left;
                }
                case DIV -> {
                    out = affine(b.left());
                    out.andNot(params(b.right()));
                }
                default -> { }
            }
        }
        return out;
    }

    /** The parameters of {@code p} (those in {@code n}) that {@code n} is not affine in: P(n) − L(n). */
    private static BitSet complementWithin(BitSet p, BitSet l) {
        BitSet bad = (BitSet) p.clone();
        bad.andNot(l);
        return bad;
    }

    private BitSet params(Node n) {
        BitSet out = new BitSet();
        collect(n, out);
        return out;
    }

    private void collect(Node n, BitSet out) {
        if (n instanceof Name nm) {
            int k = resolver.applyAsInt(nm);
            if (k >= 0) out.set(k);
        } else if (n instanceof Neg neg) {
            collect(neg.operand(), out);
        } else if (n instanceof Binary b) {
            collect(b.left(), out);
            collect(b.right(), out);
        } else if (n instanceof Call c) {
            for (Node a : c.args()) collect(a, out);
        }
    }
}
