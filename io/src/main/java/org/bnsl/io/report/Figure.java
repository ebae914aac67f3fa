package org.bnsl.io.report;

import static org.bnsl.Numbers.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.io.FitRun;
import org.bnsl.io.render.FitReport;
import org.bnsl.law.Bnsl;
import org.bnsl.law.Law;
import org.bnsl.plan.ComputeOptimal;
import org.bnsl.plan.IsoFlop;
import org.bnsl.plan.Plan;
import org.bnsl.select.Extrapolation;
import org.bnsl.uncertainty.BootstrapResult;
import org.bnsl.uncertainty.PredictionInterval;

/**
 * What a plot of fitted scaling laws shows, independent of how it is drawn: panels of layers, each
 * layer a set of fitted and held-out points, the fitted curve through them, the breaks of a BNSL and
 * the residuals ln ŷ − ln y. Built from fitted curves ({@link Curve}) by {@link #of}; drawn by
 * {@link FigureRenderer}.
 *
 * <p>Laws of one variable are drawn as y against x. Laws of two variables (N, D) are drawn against
 * the first one, with one curve per distinct value of the second, or, when it varies continuously,
 * per compute budget C = 6·N·D (runs clustered in ln C as {@code bnsl isoflop} does, each curve at
 * its runs' own budget: IsoFLOP profiles).
 * Laws of three or more variables cannot be drawn.
 *
 * <p>A curve with bootstrap intervals gets its prediction band (lo..hi of
 * {@link BootstrapResult#predict}) at every drawn point. A law in N and D gets the compute-optimal
 * frontier N*(C) → L*(C) of {@link ComputeOptimal} as a {@link Guide}, over the budgets of its
 * drawn curves.
 */
public final class Figure {
    /** The most distinct values of the second variable drawn as curves of their own. */
    static final int MAX_DISTINCT = 6;
    /** Points on each drawn curve. */
    public static final int CURVE_POINTS = 240;

    /** The most IsoFLOP curves drawn before runs are grouped into wider budgets ({@link #budgets}). */
    static final int MAX_BUDGETS = 12;
    /** The ever wider spans (max/min C within a budget) tried when there would be too many curves. */
    private static final double[] WIDER_SPANS = {2, 3, 5, 10, 1e6};

    /** Budgets on the compute-optimal frontier line. */
    public static final int FRONTIER_POINTS = 48;

    /**
     * One fitted curve to draw: the law and its parameters, the points it was fitted to and those
     * held out, and its bootstrap (null when there is none).
     */
    public record Curve(String name, Law law, double[] parameters, double xOffset, Series train, Series holdout,
            BootstrapResult uncertainty) {
        /** A curve without a bootstrap. */
        public Curve(String name, Law law, double[] parameters, double xOffset, Series train, Series holdout) {
            this(name, law, parameters, xOffset, train, holdout, null);
        }

        /** The fitted law at a point of the data (shifted by the fit's offset). */
        public double predict(double[] x) {
            if (xOffset == 0) return law.value(parameters, x);
            double[] s = x.clone();
            for (int j = 0; j < s.length; j++) s[j] += xOffset;
            return law.value(parameters, s);
        }
    }

    /** A BNSL break at x (in data units), with the log-log slopes of y − a before and after it. */
    public record Break(int index, double x, double slopeBefore, double slopeAfter) {
        /** The curve's name in the legend. */
        public String label() {
            return "d" + subscript(index) + " = " + format(x, 3) + ": slope " + format(slopeBefore, 2).replace('-', '−')
                    + " → " + format(slopeAfter, 2).replace('-', '−');
        }
    }

    /**
     * One coloured thing on a plot. Residuals are ln ŷ − ln y at the layer's own points (NaN where
     * either is not positive). {@code bandLo} and {@code bandHi} are the prediction band at each
     * {@code curveX} (NaN where the bootstrap gives none), or null without a bootstrap.
     */
    public record Layer(String label, double[] trainX, double[] trainY, double[] holdX, double[] holdY, double[] curveX,
            double[] curveY, List<Break> breaks, double[] trainResidual, double[] holdResidual, double[] bandLo,
            double[] bandHi) {
        boolean hasBand() {
            return bandLo != null;
        }
    }

    /**
     * An extra line on a panel that is not a fitted curve: the compute-optimal frontier of
     * {@code org.bnsl.plan} (N*(C) → L*(C) drawn across the IsoFLOP curves), or another guide.
     */
    public record Guide(String label, double[] x, double[] y) {
    }

    /** One plot: its title, the fitted curves drawn on it, and any guide lines. */
    public record Panel(String title, List<Layer> layers, List<Guide> guides) {
        Panel withGuide(Guide g) {
            List<Guide> gs = new ArrayList<>(guides);
            gs.add(g);
            return new Panel(title, layers, List.copyOf(gs));
        }
    }

    /** How to draw: axis labels, scales, small multiples, and how far to extend the curves. */
    public record Options(String xLabel, String yLabel, boolean linearY, boolean facet, Double extrapolateTo) {
    }

    /** Ordered layers (budgets, D values) get a sequential palette; groups a qualitative one. */
    final List<Panel> panels;
    final String xLabel;
    final String yLabel;
    final boolean logY;
    final boolean sequential;
    /** The level of the prediction bands drawn (0.9 for 90%), or NaN when none are. */
    final double bandLevel;

    private Figure(List<Panel> panels, String xLabel, String yLabel, boolean logY, boolean sequential, double bandLevel) {
        this.panels = List.copyOf(panels);
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
        this.sequential = sequential;
        this.bandLevel = bandLevel;
    }

    /** A copy with one panel replaced (to add a {@link Guide}, say). */
    Figure withPanel(int i, Panel p) {
        List<Panel> ps = new ArrayList<>(panels);
        ps.set(i, p);
        return new Figure(ps, xLabel, yLabel, logY, sequential, bandLevel);
    }

    /** "90% band", the legend's name for the shaded prediction band. */
    String bandLabel() {
        return format(100 * bandLevel, 3) + "% band";
    }

    /** Whether any panel has a compute-optimal frontier. */
    boolean hasFrontier() {
        return panels.stream().anyMatch(p -> p.guides().stream().anyMatch(g -> g.label().contains(FRONTIER)));
    }

    static final String FRONTIER = "compute-optimal";

    /**
     * Fails with a one-line message when curves of this law cannot be drawn (three or more
     * variables). {@code option} names the option that asked for a plot.
     */
    public static void checkDrawable(Law law, String option) {
        if (law.variables().size() > 2) {
            throw new InputException(option + ": law '" + law.name() + "' has " + law.variables().size() + " variables ("
                    + String.join(", ", law.variables()) + "); only laws of one or two variables can be drawn");
        }
    }

    /**
     * @param columns variable name → column, in the law's order
     * @param yColumn the metric's column
     */
    /** How far beyond the largest x a curve may be drawn: six decades (a chart axis needs finite, sane ranges). */
    public static final double MAX_EXTRAPOLATION = 1e6;

    /** Refuses to draw curves further than {@link #MAX_EXTRAPOLATION} × the largest x of the data. */
    public static void checkExtrapolation(double to, double xMax) {
        if (to > MAX_EXTRAPOLATION * xMax) {
            throw new InputException("--extrapolate-to " + format(to) + ": more than " + format(MAX_EXTRAPOLATION)
                    + " × the largest x (" + format(xMax) + "); a plot reaches at most " + Math.round(Math.log10(MAX_EXTRAPOLATION))
                    + " decades beyond the data");
        }
    }

    /**
     * More layers than this on one plot cannot be told apart (the qualitative palette has seven
     * colours, the markers six shapes): a figure of several curves with more is drawn as small
     * multiples, one panel per curve, as {@code --facet} asks.
     */
    public static final int AUTO_FACET = 6;

    /** The layers the curves would make on one plot: one per curve, or per D value or budget for a law of two variables. */
    private static int layerCount(List<Curve> curves, boolean two, List<String> cols, double to) {
        if (!two) return curves.size();
        int n = 0;
        for (Curve c : curves) n += twoVariableLayers(c, cols, to, "").size();
        return n;
    }

    /** How many panels (plots) the figure has. */
    public int panelCount() {
        return panels.size();
    }

    /** A figure of one of this figure's panels, drawn alone. */
    public Figure panel(int i) {
        return new Figure(List.of(panels.get(i)), xLabel, yLabel, logY, sequential, bandLevel);
    }

    /** The figure of fitted curves (points, curve, held-out points, band), drawn with these options. */
    public static Figure of(List<Extrapolation> results, FitRun run, Options o) {
        List<Curve> curves = new ArrayList<>();
        for (Extrapolation e : results) {
            org.bnsl.fit.Fit f = e.fit();
            curves.add(new Curve(e.train().name(), f.law(), f.parameters(), f.xOffset(), e.train(), e.holdout(), e.uncertainty()));
        }
        return of(curves, run.columns(), run.spec().y(), o);
    }

    /** The figure of these curves: its variables' columns label x, {@code yColumn} labels y unless the options say otherwise. */
    public static Figure of(List<Curve> curves, Map<String, String> columns, String yColumn, Options o) {
        Law law = curves.get(0).law();
        checkDrawable(law, "--plot");
        List<String> cols = new ArrayList<>(columns.values());
        String xLabel = o.xLabel() != null ? o.xLabel() : cols.get(0);
        String yLabel = o.yLabel() != null ? o.yLabel() : yColumn;
        boolean two = law.variables().size() == 2;
        double xMax = 0;
        for (Curve c : curves) {
            xMax = Math.max(xMax, Math.max(FitReport.max(c.train().x(0)), FitReport.max(c.holdout().x(0))));
        }
        double to = o.extrapolateTo() != null ? o.extrapolateTo() : 10 * xMax;
        checkExtrapolation(to, xMax);
        List<Panel> panels = new ArrayList<>();
        List<Layer> all = new ArrayList<>();
        // more curves than one plot can show apart: small multiples, one per curve
        boolean facet = o.facet() || (curves.size() > 1 && layerCount(curves, two, cols, to) > AUTO_FACET);
        boolean prefix = curves.size() > 1 && !facet;
        String lastTitle = null;
        List<Guide> guides = new ArrayList<>();
        double level = Double.NaN;
        for (Curve c : curves) {
            if (c.uncertainty() != null && Double.isNaN(level)) level = c.uncertainty().level();
            List<Layer> layers = two ? twoVariableLayers(c, cols, to, prefix ? c.name() + ", " : "")
                    : List.of(oneVariableLayer(c, c.name(), to));
            boolean isoflop = two && layers.size() > 0 && layers.get(0).label().contains("C ≈ ");
            String what = c.name() + (isoflop ? ": IsoFLOP curves, C = 6·" + cols.get(0) + "·" + cols.get(1) : "");
            lastTitle = what;
            Guide frontier = two ? frontier(c, isoflop, prefix ? c.name() + ": " : "") : null;
            if (facet) {
                panels.add(new Panel(what, layers, frontier == null ? List.of() : List.of(frontier)));
            } else {
                all.addAll(layers);
                if (frontier != null) guides.add(frontier);
            }
        }
        if (!facet) {
            String title = curves.size() == 1 ? lastTitle : yLabel + " against " + xLabel;
            panels.add(new Panel(title, all, List.copyOf(guides)));
        }
        return new Figure(panels, xLabel, yLabel, !o.linearY(), two, level);
    }

    /**
     * The compute-optimal frontier of a law in N and D: N*(C) against L*(C) at
     * {@value #FRONTIER_POINTS} log-spaced budgets C = 6·N·D from the smallest to the largest budget
     * drawn (the IsoFLOP budgets, or the runs' own 6·N·D when there is one curve per D). Null when the
     * law is not in N and D, is fitted in shifted x, or the runs span a single budget.
     */
    public static Guide frontier(Curve c, boolean isoflop, String prefix) {
        if (!c.law().variables().equals(List.of("N", "D")) || c.xOffset() != 0) return null;
        double lo;
        double hi;
        if (isoflop) {
            List<Budget> b = budgets(c.train(), c.holdout());
            if (b.isEmpty()) return null;
            lo = b.get(0).flops();
            hi = b.get(b.size() - 1).flops();
        } else {
            lo = Double.POSITIVE_INFINITY;
            hi = 0;
            for (Series s : List.of(c.train(), c.holdout())) {
                for (int i = 0; i < s.size(); i++) {
                    double b = 6 * s.x(0, i) * s.x(1, i);
                    if (b > 0 && Double.isFinite(b)) {
                        lo = Math.min(lo, b);
                        hi = Math.max(hi, b);
                    }
                }
            }
        }
        if (!(hi > lo * 1.0001)) return null;
        List<Plan> plans;
        try {
            ComputeOptimal planner = new ComputeOptimal(c.law(), c.parameters());
            plans = planner.planRange(Math.max(lo, planner.minimumBudget()), hi, FRONTIER_POINTS);
        } catch (org.bnsl.InputException e) {
            return null; // a law the planner cannot handle: no frontier, the rest of the plot stands
        }
        double[] x = new double[plans.size()];
        double[] y = new double[plans.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = plans.get(i).n();
            y[i] = plans.get(i).loss();
        }
        return new Guide(prefix + FRONTIER + " N*(C)", x, y);
    }

    /** The prediction band at each x of a curve, or {null, null} without a bootstrap. */
    private static double[][] band(Curve c, double[][] points) {
        BootstrapResult b = c.uncertainty();
        if (b == null) return new double[2][];
        double[] lo = new double[points.length];
        double[] hi = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            PredictionInterval iv = b.predict(points[i]);
            lo[i] = iv.lo();
            hi[i] = iv.hi();
        }
        return new double[][] {lo, hi};
    }

    private static Layer oneVariableLayer(Curve c, String label, double to) {
        double[] tx = c.train().x(0);
        double[] hx = c.holdout().x(0);
        double lo = Math.min(positiveMin(tx), positiveMin(hx));
        double[] cx = logSpace(lo, Math.max(to, lo * 1.0001), CURVE_POINTS);
        double[] cy = new double[cx.length];
        double[][] at = new double[cx.length][];
        for (int i = 0; i < cx.length; i++) {
            at[i] = new double[] {cx[i]};
            cy[i] = c.predict(at[i]);
        }
        double[][] band = band(c, at);
        List<Break> breaks = new ArrayList<>();
        if (c.law() instanceof Bnsl b) {
            double[] p = c.parameters();
            double[] slopes = b.segmentSlopes(p);
            for (int i = 1; i <= b.breaks(); i++) {
                breaks.add(new Break(i, p[Bnsl.breakIndex(i) + 1] - c.xOffset(), slopes[i - 1], slopes[i]));
            }
        }
        return new Layer(label, tx, c.train().y(), hx, c.holdout().y(), cx, cy, breaks, residuals(c, c.train()),
                residuals(c, c.holdout()), band[0], band[1]);
    }

    /**
     * Two variables (x1, x2): points binned by distinct x2 when there are few, else by the budget
     * 6·x1·x2 ({@link #budgets}); one curve per bin, an IsoFLOP curve drawn at its runs' own budget.
     */
    private static List<Layer> twoVariableLayers(Curve c, List<String> cols, double to, String prefix) {
        Series tr = c.train();
        Series ho = c.holdout();
        TreeSet<Double> distinct = new TreeSet<>();
        for (double v : tr.x(1)) distinct.add(v);
        for (double v : ho.x(1)) distinct.add(v);
        List<Layer> layers = new ArrayList<>();
        if (distinct.size() <= MAX_DISTINCT) {
            for (double d : distinct) {
                boolean[] kt = mask(tr, i -> tr.x(1, i) == d);
                boolean[] kh = mask(ho, i -> ho.x(1, i) == d);
                Series t = tr.select(kt);
                Series h = ho.select(kh);
                double lo = Math.min(positiveMin(t.x(0)), positiveMin(h.x(0)));
                double[] cx = logSpace(lo, Math.max(to, lo * 1.0001), CURVE_POINTS);
                double[] cy = new double[cx.length];
                double[][] at = new double[cx.length][];
                for (int i = 0; i < cx.length; i++) {
                    at[i] = new double[] {cx[i], d};
                    cy[i] = c.predict(at[i]);
                }
                double[][] band = band(c, at);
                layers.add(new Layer(prefix + cols.get(1) + " = " + format(d, 3), t.x(0), t.y(), h.x(0), h.y(), cx, cy,
                        List.of(), residuals(c, t), residuals(c, h), band[0], band[1]));
            }
            return layers;
        }
        for (Budget b : budgets(tr, ho)) {
            Series t = tr.select(b.train());
            Series h = ho.select(b.hold());
            double lo = Math.min(positiveMin(t.x(0)), positiveMin(h.x(0))) / 1.5;
            double hi = Math.max(FitReport.max(t.x(0)), FitReport.max(h.x(0))) * 1.5;
            double[] cx = logSpace(lo, hi, CURVE_POINTS);
            double[] cy = new double[cx.length];
            double[][] at = new double[cx.length][];
            for (int i = 0; i < cx.length; i++) {
                at[i] = new double[] {cx[i], b.flops() / (6 * cx[i])};
                cy[i] = c.predict(at[i]);
            }
            double[][] band = band(c, at);
            layers.add(new Layer(prefix + "C ≈ " + format(b.flops(), 2).replace("e+", "e"),
                    t.x(0), t.y(), h.x(0), h.y(), cx, cy, List.of(), residuals(c, t), residuals(c, h), band[0], band[1]));
        }
        return layers;
    }

    /** One IsoFLOP curve: its budget C (the geometric mean of its runs' 6·x1·x2) and which runs are on it. */
    public record Budget(double flops, boolean[] train, boolean[] hold) {
    }

    /**
     * The budgets C = 6·x1·x2 to draw, each at its own runs' geometric mean so the runs sit on their
     * curve. Runs are clustered as {@code bnsl isoflop} does ({@link IsoFlop#group}: a gap over 10%
     * in C starts a new budget, and no budget spans more than a factor 1.5); when that gives more
     * than {@value #MAX_BUDGETS} curves (runs spread continuously in C), the span bound is widened
     * to 2, 3, 5, 10 and then 10⁶ (with the gap bound equal to it) until it does not. Runs whose C
     * is not positive and finite cannot be drawn on a log axis and are left out.
     */
    public static List<Budget> budgets(Series tr, Series ho) {
        int nt = tr.size();
        int[] run = new int[nt + ho.size()];
        double[] flops = new double[run.length];
        int n = 0;
        for (int i = 0; i < run.length; i++) {
            double c = i < nt ? 6 * tr.x(0, i) * tr.x(1, i) : 6 * ho.x(0, i - nt) * ho.x(1, i - nt);
            if (c > 0 && Double.isFinite(c)) {
                run[n] = i;
                flops[n++] = c;
            }
        }
        if (n == 0) return List.of();
        double[] cs = Arrays.copyOf(flops, n);
        List<int[]> groups = IsoFlop.group(cs, IsoFlop.Options.defaults());
        for (double spread : WIDER_SPANS) {
            if (groups.size() <= MAX_BUDGETS) break;
            groups = IsoFlop.group(cs, IsoFlop.Options.builder().tolerance(spread - 1).maxSpread(spread).build());
        }
        List<Budget> out = new ArrayList<>(groups.size());
        for (int[] g : groups) {
            boolean[] kt = new boolean[nt];
            boolean[] kh = new boolean[ho.size()];
            double lnC = 0;
            for (int j : g) {
                lnC += Math.log(cs[j]);
                if (run[j] < nt) kt[run[j]] = true;
                else kh[run[j] - nt] = true;
            }
            out.add(new Budget(Math.exp(lnC / g.length), kt, kh));
        }
        return out;
    }

    private static boolean[] mask(Series s, java.util.function.IntPredicate p) {
        boolean[] m = new boolean[s.size()];
        for (int i = 0; i < m.length; i++) m[i] = p.test(i);
        return m;
    }

    private static double[] residuals(Curve c, Series s) {
        double[] r = new double[s.size()];
        for (int i = 0; i < r.length; i++) {
            double p = c.predict(s.point(i));
            double y = s.y(i);
            r[i] = p > 0 && y > 0 ? Math.log(p) - Math.log(y) : Double.NaN;
        }
        return r;
    }

    static double[] logSpace(double lo, double hi, int n) {
        double[] v = new double[n];
        double a = Math.log(lo);
        double b = Math.log(hi);
        for (int i = 0; i < n; i++) v[i] = Math.exp(a + (b - a) * i / (n - 1));
        v[0] = lo;
        v[n - 1] = hi;
        return v;
    }

    private static double positiveMin(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) if (d > 0) m = Math.min(m, d);
        return m;
    }

    static String subscript(int i) {
        StringBuilder sb = new StringBuilder();
        for (char ch : Integer.toString(i).toCharArray()) sb.append((char) ('₀' + (ch - '0')));
        return sb.toString();
    }
}
