package org.bnsl.law.formula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.special.Erf;
import org.bnsl.law.formula.Node.Binary;
import org.bnsl.law.formula.Node.Call;
import org.bnsl.law.formula.Node.Compare;
import org.bnsl.law.formula.Node.Logic;
import org.bnsl.law.formula.Node.Name;
import org.bnsl.law.formula.Node.Neg;
import org.bnsl.law.formula.Node.Not;
import org.bnsl.law.formula.Node.Num;

/**
 * A syntax tree compiled to a flat postfix program over a value stack, with a parallel stack of
 * gradients (one row of {@code parameterCount} doubles per value) for forward-mode differentiation.
 *
 * <p>Each instruction is an opcode, an argument (constant, parameter or variable index, or the
 * number of arguments of {@code min}, {@code max}, {@code logsumexp}) and a mask saying which of
 * its operands depend on the parameters; operands that do not have no gradient row and cost nothing
 * in the chain rule. Which operands depend on the parameters is known when compiling, so
 * {@code x^2} and {@code N^alpha} take different paths without a test at run time.
 *
 * <p>Immutable; evaluation uses a per-thread workspace sized once, so it does not allocate.
 */
final class Program {
    /** The most arguments a {@code min}, {@code max} or {@code logsumexp} call may have (one mask bit each). */
    static final int MAX_ARITY = 30;

    static final int CONST = 0, PARAM = 1, VAR = 2, NEG = 3, ADD = 4, SUB = 5, MUL = 6, DIV = 7,
            POW_CONST = 8, POW = 9, EXP = 10, LOG = 11, LOG1P = 12, SQRT = 13, ABS = 14, SOFTPLUS = 15,
            SIGMOID = 16, MIN = 17, MAX = 18, LOGSUMEXP = 19, LT = 20, LE = 21, GT = 22, GE = 23, EQ = 24,
            NE = 25, AND = 26, OR = 27, NOT = 28, SIN = 29, COS = 30, TAN = 31, ATAN = 32, TANH = 33, ERF = 34;

    /** What an identifier stands for: a parameter or a variable, with its index. */
    interface Resolver {
        /** {@code k >= 0} for parameter k, {@code -1 - j} for variable j. */
        int resolve(Name name);
    }

    private final int[] op;
    private final int[] arg;
    private final int[] mask;
    private final double[] consts;
    private final int depth;
    private final int parameterCount;
    private final int variableCount;
    private final ThreadLocal<Workspace> workspace;

    private Program(Compiler c, int parameterCount, int variableCount) {
        int n = c.ops.size();
        this.op = new int[n];
        this.arg = new int[n];
        this.mask = new int[n];
        for (int k = 0; k < n; k++) {
            int[] ins = c.ops.get(k);
            op[k] = ins[0];
            arg[k] = ins[1];
            mask[k] = ins[2];
        }
        this.consts = c.consts.stream().mapToDouble(Double::doubleValue).toArray();
        this.depth = Math.max(1, c.maxDepth);
        this.parameterCount = parameterCount;
        this.variableCount = variableCount;
        int p = parameterCount;
        int d = depth;
        this.workspace = ThreadLocal.withInitial(() -> new Workspace(d, p, variableCount));
    }

    static Program compile(Node root, Resolver resolver, int parameterCount, int variableCount) {
        Compiler c = new Compiler(resolver);
        c.emit(root);
        return new Program(c, parameterCount, variableCount);
    }

    int length() {
        return op.length;
    }

    /** Per-thread scratch: the value stack, the gradient stack, weights for n-ary ops, gathered inputs. */
    static final class Workspace {
        final double[] v;
        final double[] g;
        final double[] w;
        final double[] in;

        Workspace(int depth, int parameters, int inputs) {
            v = new double[depth];
            g = new double[depth * Math.max(1, parameters)];
            w = new double[MAX_ARITY];
            in = new double[Math.max(1, inputs)];
        }
    }

    Workspace workspace() {
        return workspace.get();
    }

    double value(double[] p, double[] x) {
        return value(p, x, workspace.get());
    }

    /** Runs the program for its value only. Comparisons and logic give 1 for true and 0 for false. */
    double value(double[] p, double[] x, Workspace ws) {
        final double[] v = ws.v;
        int sp = -1;
        for (int k = 0; k < op.length; k++) {
            switch (op[k]) {
                case CONST: v[++sp] = consts[arg[k]]; break;
                case PARAM: v[++sp] = p[arg[k]]; break;
                case VAR: v[++sp] = x[arg[k]]; break;
                case NEG: v[sp] = -v[sp]; break;
                case ADD: sp--; v[sp] += v[sp + 1]; break;
                case SUB: sp--; v[sp] -= v[sp + 1]; break;
                case MUL: sp--; v[sp] *= v[sp + 1]; break;
                case DIV: sp--; v[sp] /= v[sp + 1]; break;
                case POW_CONST: sp--; v[sp] = powConst(v[sp], v[sp + 1]); break;
                case POW: sp--; v[sp] = powVar(v[sp], v[sp + 1]); break;
                case EXP: case LOG: case LOG1P: case SQRT: case ABS: case SOFTPLUS: case SIGMOID:
                case SIN: case COS: case TAN: case ATAN: case TANH: case ERF:
                    v[sp] = unary(op[k], v[sp]);
                    break;
                case MIN: case MAX: case LOGSUMEXP: {
                    int m = arg[k];
                    sp -= m - 1;
                    v[sp] = nary(op[k], v, sp, m, null);
                    break;
                }
                case LT: sp--; v[sp] = v[sp] < v[sp + 1] ? 1 : 0; break;
                case LE: sp--; v[sp] = v[sp] <= v[sp + 1] ? 1 : 0; break;
                case GT: sp--; v[sp] = v[sp] > v[sp + 1] ? 1 : 0; break;
                case GE: sp--; v[sp] = v[sp] >= v[sp + 1] ? 1 : 0; break;
                case EQ: sp--; v[sp] = v[sp] == v[sp + 1] ? 1 : 0; break;
                case NE: sp--; v[sp] = v[sp] != v[sp + 1] ? 1 : 0; break;
                case AND: sp--; v[sp] = v[sp] != 0 && v[sp + 1] != 0 ? 1 : 0; break;
                case OR: sp--; v[sp] = v[sp] != 0 || v[sp + 1] != 0 ? 1 : 0; break;
                case NOT: v[sp] = v[sp] == 0 ? 1 : 0; break;
                default: throw new IllegalStateException("opcode " + op[k]);
            }
        }
        return v[0];
    }

    /**
     * Runs the program for its value and the gradient with respect to every parameter (forward
     * mode), written into {@code grad}. Comparisons and logic are not differentiable and not allowed here.
     */
    double valueAndGradient(double[] p, double[] x, double[] grad) {
        final Workspace ws = workspace.get();
        final double[] v = ws.v;
        final double[] g = ws.g;
        final int np = parameterCount;
        int sp = -1;
        for (int k = 0; k < op.length; k++) {
            final int m = mask[k];
            switch (op[k]) {
                case CONST: v[++sp] = consts[arg[k]]; break;
                case PARAM: {
                    v[++sp] = p[arg[k]];
                    int row = sp * np;
                    Arrays.fill(g, row, row + np, 0.0);
                    g[row + arg[k]] = 1.0;
                    break;
                }
                case VAR: v[++sp] = x[arg[k]]; break;
                case NEG: v[sp] = -v[sp]; chain1(g, sp * np, np, -1.0, m); break;
                case ADD: sp--; v[sp] += v[sp + 1]; chain2(g, sp * np, np, 1.0, 1.0, m); break;
                case SUB: sp--; v[sp] -= v[sp + 1]; chain2(g, sp * np, np, 1.0, -1.0, m); break;
                case MUL: {
                    sp--;
                    double a = v[sp], b = v[sp + 1];
                    v[sp] = a * b;
                    chain2(g, sp * np, np, b, a, m);
                    break;
                }
                case DIV: {
                    sp--;
                    double a = v[sp], b = v[sp + 1];
                    double r = a / b;
                    v[sp] = r;
                    chain2(g, sp * np, np, 1.0 / b, -r / b, m);
                    break;
                }
                case POW_CONST: {
                    sp--;
                    double a = v[sp], b = v[sp + 1];
                    double r = powConst(a, b);
                    v[sp] = r;
                    if (m != 0) {
                        double d = b == 2.0 ? 2.0 * a : a != 0.0 ? b * r / a : b * Math.pow(a, b - 1.0);
                        chain1(g, sp * np, np, d, m);
                    }
                    break;
                }
                case POW: {
                    sp--;
                    double a = v[sp], b = v[sp + 1];
                    double r, da, db;
                    if (a > 0.0) {
                        r = Math.pow(a, b);
                        da = r * b / a;
                        db = r * Math.log(a);
                    } else {
                        r = Double.NaN;
                        da = Double.NaN;
                        db = Double.NaN;
                    }
                    v[sp] = r;
                    chain2(g, sp * np, np, da, db, m);
                    break;
                }
                case EXP: case LOG: case LOG1P: case SQRT: case ABS: case SOFTPLUS: case SIGMOID:
                case SIN: case COS: case TAN: case ATAN: case TANH: case ERF: {
                    double a = v[sp];
                    double r = unary(op[k], a);
                    v[sp] = r;
                    if (m != 0) chain1(g, sp * np, np, derivative(op[k], a, r), m);
                    break;
                }
                case MIN: case MAX: case LOGSUMEXP: {
                    int n = arg[k];
                    sp -= n - 1;
                    v[sp] = nary(op[k], v, sp, n, ws.w);
                    if (m != 0) chainN(g, sp, n, np, ws.w, m);
                    break;
                }
                default: throw new IllegalStateException("opcode " + op[k] + " has no derivative");
            }
        }
        if (mask[op.length - 1] == 0 && op[op.length - 1] != PARAM) {
            Arrays.fill(grad, 0, np, 0.0); // the result does not depend on any parameter
        } else {
            System.arraycopy(g, 0, grad, 0, np);
        }
        return v[0];
    }

    // ---- the chain rule: the result's gradient row from its operands' rows ----------------------

    /** row ← d·row, when the operand depends on the parameters. */
    private static void chain1(double[] g, int row, int np, double d, int m) {
        if (m == 0) return;
        for (int k = 0; k < np; k++) g[row + k] *= d;
    }

    /** row ← da·row + db·next row, skipping an operand that does not depend on the parameters. */
    private static void chain2(double[] g, int row, int np, double da, double db, int m) {
        int next = row + np;
        switch (m) {
            case 1:
                for (int k = 0; k < np; k++) g[row + k] *= da;
                break;
            case 2:
                for (int k = 0; k < np; k++) g[row + k] = db * g[next + k];
                break;
            case 3:
                for (int k = 0; k < np; k++) g[row + k] = da * g[row + k] + db * g[next + k];
                break;
            default:
                break;
        }
    }

    /** row ← Σ w_j·(row + j), over the operands j whose mask bit is set. */
    private static void chainN(double[] g, int slot, int n, int np, double[] w, int m) {
        int row = slot * np;
        for (int k = 0; k < np; k++) {
            double acc = 0.0;
            for (int j = 0; j < n; j++) {
                if ((m >>> j & 1) != 0) acc += w[j] * g[row + j * np + k];
            }
            g[row + k] = acc;
        }
    }

    // ---- the primitives -------------------------------------------------------------------------

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    /** {@code a^b} for an exponent that does not depend on the parameters. */
    static double powConst(double a, double b) {
        return b == 2.0 ? a * a : Math.pow(a, b);
    }

    /** {@code a^b} for an exponent that depends on the parameters: NaN unless {@code a > 0}. */
    static double powVar(double a, double b) {
        return a > 0.0 ? Math.pow(a, b) : Double.NaN;
    }

    static double unary(int op, double a) {
        switch (op) {
            case EXP: return Math.exp(a);
            case LOG: return Math.log(a);
            case LOG1P: return Math.log1p(a);
            case SQRT: return Math.sqrt(a);
            case ABS: return Math.abs(a);
            case SOFTPLUS: return softplus(a);
            case SIGMOID: return sigmoid(a);
            case SIN: return Math.sin(a);
            case COS: return Math.cos(a);
            case TAN: return Math.tan(a);
            case ATAN: return Math.atan(a);
            case TANH: return Math.tanh(a);
            case ERF: return Erf.erf(a);
            default: throw new IllegalStateException("opcode " + op);
        }
    }

    /** The derivative of {@link #unary} at {@code a}, given its value {@code r} there. */
    static double derivative(int op, double a, double r) {
        switch (op) {
            case EXP: return r;
            case LOG: return 1.0 / a;
            case LOG1P: return 1.0 / (1.0 + a);
            case SQRT: return 0.5 / r;
            case ABS: return a > 0 ? 1.0 : a < 0 ? -1.0 : a == 0 ? 0.0 : Double.NaN;
            case SOFTPLUS: return sigmoid(a);
            case SIGMOID: return r * (1.0 - r);
            case SIN: return Math.cos(a);
            case COS: return -Math.sin(a);
            case TAN: return 1.0 + r * r;
            case ATAN: return 1.0 / (1.0 + a * a);
            case TANH: return 1.0 - r * r;
            case ERF: return TWO_OVER_SQRT_PI * Math.exp(-a * a); // d/da erf(a) = 2/√π·e^(−a²)
            default: throw new IllegalStateException("opcode " + op);
        }
    }

    /** log(1 + e^z) without overflow: max(z, 0) + log1p(e^−|z|). */
    static double softplus(double z) {
        return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** 1 / (1 + e^−z), computed from e^−|z| so that it neither overflows nor loses the small tail. */
    static double sigmoid(double z) {
        if (z >= 0) return 1.0 / (1.0 + Math.exp(-z));
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /**
     * min, max or logsumexp of {@code v[from .. from+n)}; when {@code w} is given, writes the partial
     * derivative with respect to each argument into {@code w[0..n)}. NaN if any argument is NaN.
     * min and max give the whole derivative to the first extreme argument.
     */
    static double nary(int op, double[] v, int from, int n, double[] w) {
        int best = from;
        boolean nan = Double.isNaN(v[from]);
        for (int j = from + 1; j < from + n; j++) {
            double a = v[j];
            if (Double.isNaN(a)) nan = true;
            else if (op == MIN ? a < v[best] : a > v[best]) best = j;
        }
        if (nan) {
            if (w != null) Arrays.fill(w, 0, n, Double.NaN);
            return Double.NaN;
        }
        if (op != LOGSUMEXP) {
            if (w != null) {
                Arrays.fill(w, 0, n, 0.0);
                w[best - from] = 1.0;
            }
            return v[best];
        }
        double mx = v[best];
        if (Double.isInfinite(mx)) {
            if (w != null) Arrays.fill(w, 0, n, Double.NaN);
            return mx;
        }
        double s = 0.0;
        for (int j = from; j < from + n; j++) s += Math.exp(v[j] - mx);
        double r = mx + Math.log(s);
        if (w != null) {
            for (int j = 0; j < n; j++) w[j] = Math.exp(v[from + j] - r);
        }
        return r;
    }

    // ---- compiling a tree -----------------------------------------------------------------------

    private static final class Compiler {
        final Resolver resolver;
        final List<int[]> ops = new ArrayList<>();
        final List<Double> consts = new ArrayList<>();
        int sp;
        int maxDepth;

        Compiler(Resolver resolver) {
            this.resolver = resolver;
        }

        /** Emits code for {@code n}; returns whether its value depends on the parameters. */
        boolean emit(Node n) {
            if (n instanceof Num num) {
                int idx = consts.indexOf(num.value());
                if (idx < 0) {
                    idx = consts.size();
                    consts.add(num.value());
                }
                push(CONST, idx, 0);
                return false;
            } else if (n instanceof Name name) {
                int r = resolver.resolve(name);
                if (r >= 0) {
                    push(PARAM, r, 0);
                    return true;
                }
                push(VAR, -1 - r, 0);
                return false;
            } else if (n instanceof Neg neg) {
                boolean d = emit(neg.operand());
                return instruction(NEG, 0, d ? 1 : 0, 1);
            } else if (n instanceof Binary b) {
                boolean dl = emit(b.left());
                boolean dr = emit(b.right());
                int m = (dl ? 1 : 0) | (dr ? 2 : 0);
                int code = switch (b.op()) {
                    case ADD -> ADD;
                    case SUB -> SUB;
                    case MUL -> MUL;
                    case DIV -> DIV;
                    case POW -> dr ? POW : POW_CONST;
                    default -> throw new IllegalStateException(b.op().toString());
                };
                return instruction(code, 0, m, 2);
            } else if (n instanceof Call c) {
                int m = 0;
                for (int j = 0; j < c.args().size(); j++) {
                    if (emit(c.args().get(j))) m |= 1 << j;
                }
                int code = switch (c.fn()) {
                    case EXP -> EXP;
                    case LOG -> LOG;
                    case LOG1P -> LOG1P;
                    case SQRT -> SQRT;
                    case ABS -> ABS;
                    case SOFTPLUS -> SOFTPLUS;
                    case SIGMOID -> SIGMOID;
                    case SIN -> SIN;
                    case COS -> COS;
                    case TAN -> TAN;
                    case ATAN -> ATAN;
                    case TANH -> TANH;
                    case ERF -> ERF;
                    case POW -> throw new IllegalStateException("pow is parsed as ^");
                    case MIN -> MIN;
                    case MAX -> MAX;
                    case LOGSUMEXP -> LOGSUMEXP;
                };
                return instruction(code, c.args().size(), m, c.args().size());
            } else if (n instanceof Compare c) {
                emit(c.left());
                emit(c.right());
                int code = switch (c.op()) {
                    case LT -> LT;
                    case LE -> LE;
                    case GT -> GT;
                    case GE -> GE;
                    case EQ -> EQ;
                    case NE -> NE;
                    default -> throw new IllegalStateException(c.op().toString());
                };
                return instruction(code, 0, 0, 2);
            } else if (n instanceof Logic l) {
                emit(l.left());
                emit(l.right());
                return instruction(l.op() == Node.Op.AND ? AND : OR, 0, 0, 2);
            } else if (n instanceof Not not) {
                emit(not.operand());
                return instruction(NOT, 0, 0, 1);
            }
            throw new IllegalStateException(n.toString());
        }

        private void push(int code, int a, int m) {
            ops.add(new int[] {code, a, m});
            sp++;
            maxDepth = Math.max(maxDepth, sp);
        }

        private boolean instruction(int code, int a, int m, int operands) {
            ops.add(new int[] {code, a, m});
            sp -= operands - 1;
            return m != 0;
        }
    }
}
