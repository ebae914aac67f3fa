package org.bnsl.io.report;

import static org.bnsl.Numbers.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bnsl.data.Series;
import org.bnsl.fit.Fit;
import org.bnsl.io.FitRun;
import org.bnsl.io.render.FitReport;
import org.bnsl.law.Bnsl;
import org.bnsl.law.Law;
import org.bnsl.plan.ClosedForm;
import org.bnsl.plan.ComputeOptimal;
import org.bnsl.plan.CostModel;
import org.bnsl.plan.Plan;
import org.bnsl.plan.PlanIntervals;
import org.bnsl.select.AutoFit;
import org.bnsl.select.Extrapolation;
import org.bnsl.select.ModelChoice;
import org.bnsl.uncertainty.BootstrapResult;
import org.bnsl.uncertainty.ParameterInterval;
import org.bnsl.uncertainty.PredictionInterval;

/**
 * The self-contained HTML report of {@code bnsl report}: one file, every style and chart inline,
 * nothing fetched. The page is a list of {@link Section}s, each rendering itself from the same
 * {@link Context} and shown only where it {@link Section#applies applies}: bootstrap intervals appear
 * in the fits and holdout tables when {@code --bootstrap} was given, the model comparison when a law
 * or break count was chosen ({@code --law auto}, {@code --breaks auto}), the planning table for laws
 * in N and D.
 */
public final class HtmlReport {
    /** Everything a section may draw on. */
    public record Context(List<Extrapolation> results, FitRun run, Figure figure, String commandLine, String version,
            org.bnsl.select.Backtest.Report backtest) {
        Context(List<Extrapolation> results, FitRun run, Figure figure, String commandLine, String version) {
            this(results, run, figure, commandLine, version, null);
        }

        List<String> variableNames() {
            return new ArrayList<>(run.columns().keySet());
        }

        List<String> variableColumns() {
            return new ArrayList<>(run.columns().values());
        }
    }

    /** One part of the report: an id (its anchor), a heading, and its body. */
    interface Section {
        String id();

        String title();

        /** Whether there is anything to show (a holdout table needs held-out points). */
        default boolean applies(Context c) {
            return true;
        }

        void render(Context c, StringBuilder html);
    }

    /** The sections in page order; the reproduction footer stays last. */
    static final List<Section> SECTIONS = List.of(new DataSection(), new PlotSection(), new FitsSection(),
            new ComparisonSection(), new HoldoutSection(), new BacktestSection(), new PlanSection(), new ReproduceSection());

    private HtmlReport() {
    }

    /** The whole page, every section that applies. */
    public static String render(Context c) {
        return render(c, SECTIONS);
    }

    /** The page with only these sections (those that apply), in their order. */
    static String render(Context c, List<Section> sections) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "bnsl report: " + c.run().fileName();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"bnsl ").append(Html.escape(c.version())).append("\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>").append(Html.escape(title)).append("</h1>\n<nav><ul>");
        List<Section> shown = sections.stream().filter(s -> s.applies(c)).toList();
        for (Section s : shown) {
            h.append("<li><a href=\"#").append(s.id()).append("\">").append(Html.escape(s.title())).append("</a></li>");
        }
        h.append("</ul></nav>\n");
        for (Section s : shown) {
            h.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(Html.escape(s.title())).append("</h2>\n");
            s.render(c, h);
            h.append("</section>\n");
        }
        h.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** Records each chart's drawn size in {@code body[data-chart-sizes]} (read back by tests through the DOM). */
    private static final String SCRIPT = """
            (function () {
              var sizes = [];
              document.querySelectorAll('figure svg').forEach(function (svg) {
                var r = svg.getBoundingClientRect();
                sizes.push(Math.round(r.width) + 'x' + Math.round(r.height));
              });
              document.body.dataset.chartSizes = sizes.join(' ');
            })();
            """;

    private static final String CSS = """
            :root { --ink: #1b1b1b; --muted: #5c5c5c; --rule: #d9d9d9; --band: #f5f6f8; --accent: #0072b2; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--ink); background: #fff;
              font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            main { max-width: 980px; margin: 0 auto; padding: 1rem 1rem 3rem; }
            h1 { font-size: 1.5rem; margin: .5rem 0 .25rem; }
            h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid var(--rule); }
            h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
            nav ul { list-style: none; padding: 0; margin: .25rem 0 1rem; display: flex; flex-wrap: wrap; gap: .3rem 1rem; }
            nav a { color: var(--accent); text-decoration: none; }
            .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .4rem 0 1rem; }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: .92rem; }
            th, td { padding: .25rem .7rem; text-align: right; border-bottom: 1px solid var(--rule); white-space: nowrap; }
            th:first-child, td:first-child { text-align: left; }
            thead th { background: var(--band); font-weight: 600; }
            code, pre, .formula { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88rem; }
            .formula { background: var(--band); padding: .35rem .6rem; border-radius: 4px; overflow-x: auto; white-space: nowrap; }
            pre { background: var(--band); padding: .6rem .8rem; border-radius: 4px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
            .muted { color: var(--muted); font-size: .9rem; }
            .good { color: #1a7f37; } .bad { color: #b3261e; }
            tr.chosen td { font-weight: 600; background: var(--band); }
            td.far { color: #b3261e; font-weight: 600; }
            figure { margin: .5rem 0 1rem; }
            figure svg { display: block; width: 100%; height: auto; max-width: 100%; }
            figcaption { color: var(--muted); font-size: .88rem; margin-top: .3rem; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0; }
            dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
            @media (max-width: 600px) { body { font-size: 14px; } main { padding: .6rem; } th, td { padding: .2rem .45rem; } }
            @media print {
              body { font-size: 10pt; } main { max-width: none; padding: 0; }
              nav { display: none; } a { color: inherit; text-decoration: none; }
              section, figure, table { break-inside: avoid; } h2, h3 { break-after: avoid; }
              .scroll { overflow: visible; } pre { white-space: pre-wrap; }
            }
            """;

    // ---- helpers shared by sections

    /** A number cell: the rounded value for reading, the exact one in {@code data-value} (for scripts and tests). */
    public static String num(double v, int digits, String key) {
        String shown = Double.isFinite(v) ? format(v, digits).replace('-', '−') : "—";
        String attr = key == null ? "" : " data-key=\"" + key + "\"";
        return "<td" + attr + " data-value=\"" + (Double.isFinite(v) ? Double.toString(v) : "") + "\">" + shown + "</td>";
    }

    /** An interval cell "lo – hi", its ends exact in {@code data-lo} and {@code data-hi}. */
    public static String interval(double lo, double hi, int digits, String key) {
        String attr = key == null ? "" : " data-key=\"" + key + "\"";
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) return "<td" + attr + " data-lo=\"\" data-hi=\"\">—</td>";
        return "<td" + attr + " data-lo=\"" + lo + "\" data-hi=\"" + hi + "\">" + Html.escape(format(lo, digits).replace('-', '−')
                + " – " + format(hi, digits).replace('-', '−')) + "</td>";
    }

    /** "90% interval", the heading of an interval column. */
    static String intervalHead(BootstrapResult b) {
        return format(100 * b.level(), 3) + "% interval";
    }

    static void tableStart(StringBuilder h, String caption, String... heads) {
        h.append("<div class=\"scroll\"><table>");
        if (caption != null) h.append("<caption class=\"muted\">").append(Html.escape(caption)).append("</caption>");
        h.append("<thead><tr>");
        for (String s : heads) h.append("<th>").append(Html.escape(s)).append("</th>");
        h.append("</tr></thead><tbody>\n");
    }

    static void tableEnd(StringBuilder h) {
        h.append("</tbody></table></div>\n");
    }

    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    /**
     * An SVG document made fit to sit inside HTML: no XML prolog or doctype, a viewBox so it scales
     * to the page width, and its ids prefixed so that several charts on one page do not share clip
     * paths.
     */
    static String inlineSvg(String svg, String prefix) {
        String s = svg.substring(svg.indexOf("<svg"));
        Matcher m = ID.matcher(s);
        List<String> ids = new ArrayList<>();
        while (m.find()) ids.add(m.group(1));
        for (String id : ids) {
            s = s.replace("id=\"" + id + "\"", "id=\"" + prefix + id + "\"").replace("url(#" + id + ")", "url(#" + prefix + id + ")")
                    .replace("href=\"#" + id + "\"", "href=\"#" + prefix + id + "\"");
        }
        return s;
    }

    // ---- sections

    static final class DataSection implements Section {
        public String id() { return "data"; }

        public String title() { return "Data"; }

        public void render(Context c, StringBuilder h) {
            FitRun run = c.run();
            int train = 0;
            int held = 0;
            for (Extrapolation e : c.results()) {
                train += e.train().size();
                held += e.holdout().size();
            }
            h.append("<dl class=\"facts\">");
            fact(h, "file", "<code>" + Html.escape(run.source()) + "</code>");
            fact(h, "metric", "<code>" + Html.escape(run.spec().y()) + "</code>");
            StringBuilder vars = new StringBuilder();
            run.columns().forEach((v, col) -> vars.append(vars.length() == 0 ? "" : ", ").append(Html.escape(v))
                    .append(" = <code>").append(Html.escape(col)).append("</code>"));
            fact(h, "scale", vars.toString());
            if (run.spec().where() != null) fact(h, "rows used", "<code>" + Html.escape(run.spec().where()) + "</code>");
            fact(h, "groups", c.results().size() + (run.spec().group() == null ? "" : " (column <code>" + Html.escape(run.spec().group()) + "</code>)"));
            fact(h, "points", (train + held) + ": " + train + " fitted, " + held + " held out"
                    + (run.spec().holdoutAbove() != null ? " (x &gt; " + Html.escape(format(run.spec().holdoutAbove())) + ")"
                            : run.spec().holdoutWhere() != null ? " (<code>" + Html.escape(run.spec().holdoutWhere()) + "</code>)" : ""));
            h.append("</dl>\n");
            List<String> heads = new ArrayList<>(List.of("group", "fitted", "held out"));
            for (String col : c.variableColumns()) heads.add(col + " range");
            heads.add(run.spec().y() + " range");
            tableStart(h, null, heads.toArray(String[]::new));
            for (Extrapolation e : c.results()) {
                h.append("<tr><td>").append(Html.escape(e.train().name())).append("</td><td>").append(e.train().size())
                        .append("</td><td>").append(e.holdout().size()).append("</td>");
                for (int j = 0; j < c.variableNames().size(); j++) {
                    h.append("<td>").append(range(e.train().x(j), e.holdout().x(j))).append("</td>");
                }
                h.append("<td>").append(range(e.train().y(), e.holdout().y())).append("</td></tr>\n");
            }
            tableEnd(h);
        }

        private static String range(double[] a, double[] b) {
            double lo = Math.min(FitReport.min(a), FitReport.min(b));
            double hi = Math.max(FitReport.max(a), FitReport.max(b));
            return Html.escape(format(lo, 4) + " – " + format(hi, 4));
        }
    }

    static void fact(StringBuilder h, String term, String html) {
        h.append("<dt>").append(Html.escape(term)).append("</dt><dd>").append(html).append("</dd>");
    }

    static final class PlotSection implements Section {
        public String id() { return "plots"; }

        public String title() { return "Plots"; }

        public void render(Context c, StringBuilder h) {
            Figure f = c.figure();
            if (f == null) {
                Law law = c.results().get(0).fit().law();
                h.append("<p>No plot: law ").append(Html.escape(law.name())).append(" has ").append(law.variables().size())
                        .append(" variables (").append(Html.escape(String.join(", ", law.variables())))
                        .append("); only laws of one or two variables can be drawn. The fits and the other sections are below.</p>\n");
                return;
            }
            String svg = FigureRenderer.svg(f, "Fitted " + c.run().spec().y());
            boolean held = c.results().stream().anyMatch(e -> e.holdout().size() > 0);
            h.append("<figure>").append(inlineSvg(svg, "fig1-")).append("\n<figcaption>")
                    .append(held ? "Filled markers: points the law was fitted to; open markers: held-out points. "
                            : "Markers: the points the law was fitted to. ")
                    .append("Lines: the fitted law, drawn beyond the data to show its extrapolation. ");
            if (!Double.isNaN(f.bandLevel)) {
                h.append("Shaded: the ").append(Html.escape(f.bandLabel()))
                        .append(", where a new observation is expected to fall (bootstrap percentile interval of refitted laws plus resampled residuals). ");
            }
            if (f.hasFrontier()) {
                h.append("Dashed black line: the compute-optimal frontier, the loss L*(C) reached by the best split N*(C), D*(C) of each budget C = 6·N·D ")
                        .append("(it touches each IsoFLOP curve at its minimum; see the planning table). ");
            }
            if (c.results().stream().anyMatch(e -> e.fit().law() instanceof Bnsl b && b.breaks() > 0)) {
                h.append("Dashed verticals: BNSL breaks dᵢ with the log-log slopes of y − a on either side. ");
            }
            h.append("Lower panel: residuals ln ŷ − ln y (above zero: the fit overestimates).")
                    .append("</figcaption></figure>\n");
        }
    }

    static final class FitsSection implements Section {
        public String id() { return "fits"; }

        public String title() { return "Fitted laws"; }

        public void render(Context c, StringBuilder h) {
            for (Extrapolation e : c.results()) {
                Fit fit = e.fit();
                String g = slug(e.train().name());
                h.append("<h3 id=\"fit-").append(g).append("\">").append(Html.escape(e.train().name())).append("</h3>\n");
                h.append("<div class=\"formula\">").append(Html.escape(fit.law().formula())).append("</div>\n");
                h.append("<p class=\"muted\">").append(Html.escape(fit.law().name()));
                if (fit.law() instanceof Bnsl b) h.append(" with ").append(b.breaks()).append(b.breaks() == 1 ? " break" : " breaks");
                h.append(", fitted to ").append(e.train().size()).append(" points; ")
                        .append(Html.escape(fit.objective().id())).append("-space ").append(Html.escape(fit.lossFunction()))
                        .append(" objective ").append(Html.escape(format(fit.loss(), 5)));
                if (fit.xOffset() != 0) h.append("; fitted in x + ").append(Html.escape(format(fit.xOffset())));
                h.append(".</p>\n");
                BootstrapResult boot = e.uncertainty();
                if (boot == null) {
                    tableStart(h, null, "parameter", "value");
                } else {
                    h.append("<p class=\"muted\">").append(Html.escape(format(100 * boot.level(), 3) + "% bootstrap percentile intervals from "
                            + boot.succeeded() + " resamples" + (boot.failed() > 0 ? " (" + boot.failed() + " failed to refit)" : "")
                            + ", seed " + boot.options().seed() + ".")).append("</p>\n");
                    tableStart(h, null, "parameter", "value", intervalHead(boot));
                }
                for (Map.Entry<String, Double> kv : fit.parameterMap().entrySet()) {
                    h.append("<tr><td>").append(Html.escape(kv.getKey())).append("</td>")
                            .append(num(kv.getValue(), 6, g + ":param:" + kv.getKey()));
                    if (boot != null) {
                        ParameterInterval iv = boot.parameterInterval(kv.getKey());
                        h.append(interval(iv.lo(), iv.hi(), 4, g + ":param-interval:" + kv.getKey()));
                    }
                    h.append("</tr>\n");
                }
                tableEnd(h);
                if (fit.law() instanceof Bnsl b && b.breaks() > 0) {
                    double[] p = fit.parameters();
                    double[] slopes = b.segmentSlopes(p);
                    tableStart(h, "log-log slope of y − a before and after each break", "break", "at x", "slope before", "slope after");
                    for (int i = 1; i <= b.breaks(); i++) {
                        double at = p[Bnsl.breakIndex(i) + 1] - fit.xOffset();
                        h.append("<tr><td>d").append(Figure.subscript(i)).append("</td>").append(num(at, 4, g + ":d" + i))
                                .append(num(slopes[i - 1], 4, null)).append(num(slopes[i], 4, null)).append("</tr>\n");
                    }
                    tableEnd(h);
                }
                tableStart(h, null, "score", "points", "RMSLE");
                h.append("<tr><td>fitted</td><td>").append(e.train().size()).append("</td>")
                        .append(num(e.trainRmsle(), 4, g + ":train-rmsle")).append("</tr>\n");
                if (e.holdout().size() > 0) {
                    h.append("<tr><td>held out</td><td>").append(e.holdout().size()).append("</td>")
                            .append(num(e.holdoutRmsle(), 4, g + ":holdout-rmsle")).append("</tr>\n");
                }
                tableEnd(h);
            }
            FitReport.Pooled pooled = FitReport.Pooled.of(c.results());
            if (pooled != null && c.results().size() > 1) {
                h.append("<p>Holdout over ").append(c.results().size()).append(" groups: n = ").append(pooled.n())
                        .append(", pooled R² ").append(Html.escape(format(pooled.r2(), 4))).append(", median RMSLE ")
                        .append(Html.escape(format(pooled.medianRmsle(), 4))).append(", max RMSLE ")
                        .append(Html.escape(format(pooled.maxRmsle(), 4))).append(".</p>\n");
            }
        }
    }

    static final class HoldoutSection implements Section {
        public String id() { return "holdout"; }

        public String title() { return "Held-out points"; }

        public boolean applies(Context c) {
            return c.results().stream().anyMatch(e -> e.holdout().size() > 0);
        }

        public void render(Context c, StringBuilder h) {
            h.append("<p class=\"muted\">Predicted by the law fitted without them. Extrapolation distance: x divided by the largest fitted x")
                    .append(c.variableNames().size() > 1 ? " (per variable)" : "")
                    .append("; beyond 10× (marked !) a prediction is a long extrapolation: treat it with care.</p>\n");
            List<String> cols = c.variableColumns();
            for (Extrapolation e : c.results()) {
                Series ho = e.holdout();
                if (ho.size() == 0) continue;
                String g = slug(e.train().name());
                BootstrapResult boot = e.uncertainty();
                if (c.results().size() > 1) h.append("<h3>").append(Html.escape(e.train().name())).append("</h3>\n");
                List<String> heads = new ArrayList<>(cols);
                heads.addAll(List.of("actual", "predicted"));
                if (boot != null) heads.add(intervalHead(boot));
                heads.add("error");
                for (String col : cols) heads.add(cols.size() > 1 ? col + " / largest fitted" : "x / largest fitted x");
                tableStart(h, null, heads.toArray(String[]::new));
                double[] pred = e.holdoutPredicted();
                for (int i = 0; i < ho.size(); i++) {
                    h.append("<tr>");
                    for (int j = 0; j < cols.size(); j++) {
                        h.append(num(ho.x(j, i), 6, null));
                    }
                    double err = pred[i] / ho.y(i) - 1;
                    h.append(num(ho.y(i), 6, null)).append(num(pred[i], 6, g + ":predicted:" + i));
                    if (boot != null) {
                        PredictionInterval iv = boot.predict(ho.point(i));
                        h.append(interval(iv.lo(), iv.hi(), 4, g + ":interval:" + i));
                    }
                    h.append("<td class=\"").append(Math.abs(err) < 0.05 ? "good" : Math.abs(err) > 0.2 ? "bad" : "")
                            .append("\" data-value=\"").append(err).append("\">")
                            .append(String.format(Locale.ROOT, "%+.2f%%", 100 * err).replace('-', '−')).append("</td>");
                    for (int j = 0; j < cols.size(); j++) {
                        double r = ho.x(j, i) / FitReport.max(e.train().x(j));
                        String shown = Double.isFinite(r) ? format(r, 3) : "—";
                        h.append("<td").append(r > 10 ? " class=\"far\"" : "").append(" data-key=\"").append(g).append(":distance:")
                                .append(i).append(j == 0 ? "" : ":" + j).append("\" data-value=\"").append(Double.isFinite(r) ? Double.toString(r) : "")
                                .append("\">").append(Html.escape(shown)).append(r > 10 ? " !" : "").append("</td>");
                    }
                    h.append("</tr>\n");
                }
                tableEnd(h);
            }
        }
    }

    /**
     * How the law (or the number of breaks) was chosen: every candidate's rolling-origin score on the
     * training points, its parameter count, and the choice marked.
     */
    static final class ComparisonSection implements Section {
        public String id() { return "comparison"; }

        public String title() { return "Model comparison"; }

        public boolean applies(Context c) {
            return c.results().stream().anyMatch(e -> e.choice() != null);
        }

        /** Whether the candidate is the one chosen ("bnsl:auto" stands for "bnsl:auto (bnsl:2)"). */
        static boolean isChosen(AutoFit.Outcome o, ModelChoice.Scored s) {
            String name = s.candidate().name();
            return o.picked(name);
        }

        public void render(Context c, StringBuilder h) {
            h.append("<p class=\"muted\"><code>--law auto</code> predicts with the committee median: the median of its members' ")
                    .append("log predictions (✓ marks the members; a candidate with more parameters than points, or whose fit fails, is left out). ")
                    .append("From 10 training points on, each member is scored on the training points alone by rolling-origin extrapolation ")
                    .append("(fit the smallest-x prefixes, predict the points just beyond each cut, root mean squared log error, the longest ")
                    .append("prefixes weighing most) and members scoring more than 2× the best are left out. <code>--breaks auto</code> keeps ")
                    .append("the fewest breaks within 1.5× of the best score.</p>\n");
            for (Extrapolation e : c.results()) {
                AutoFit.Outcome o = e.choice();
                if (o == null) continue;
                String g = slug(e.train().name());
                if (c.results().size() > 1) h.append("<h3>").append(Html.escape(e.train().name())).append("</h3>\n");
                double best = Double.POSITIVE_INFINITY;
                for (ModelChoice.Scored sc : o.scored()) best = Math.min(best, sc.score());
                tableStart(h, "chosen: " + o.chosen(), "candidate", "parameters", "score", "× best", "");
                for (ModelChoice.Scored sc : o.scored()) {
                    boolean chosen = isChosen(o, sc);
                    h.append("<tr").append(chosen ? " class=\"chosen\" data-chosen=\"true\"" : "").append("><td>")
                            .append(Html.escape(sc.candidate().name())).append("</td><td>").append(sc.candidate().parameters())
                            .append("</td>").append(num(sc.score(), 4, g + ":score:" + sc.candidate().name()))
                            .append(num(Double.isFinite(best) && best > 0 ? sc.score() / best : Double.NaN, 3, null))
                            .append("<td>").append(chosen ? "✓ chosen" : "")
                            .append(sc.error() == null ? "" : (chosen ? "; " : "") + Html.escape(sc.error())).append("</td></tr>\n");
                }
                tableEnd(h);
            }
        }
    }

    /**
     * {@code report --backtest}: every candidate and {@code --law auto} fitted to each curve's fit
     * points and scored on its held-out points ({@link org.bnsl.select.Backtest}), as
     * {@code bnsl backtest} prints it: which law extrapolates best on these curves.
     */
    static final class BacktestSection implements Section {
        public String id() { return "backtest"; }

        public String title() { return "Backtest"; }

        public boolean applies(Context c) {
            return c.backtest() != null;
        }

        public void render(Context c, StringBuilder h) {
            org.bnsl.select.Backtest.Report r = c.backtest();
            h.append("<p class=\"muted\">Each candidate and <code>--law auto</code> fitted to the fit points of each of the ")
                    .append(r.curves().size()).append(" curves and scored on its held-out points: holdout RMSLE over the curves it ")
                    .append("could predict (failures counted), and how often it was the best candidate. The oracle is the best ")
                    .append("candidate of each curve, known only in hindsight.</p>\n");
            tableStart(h, "holdout RMSLE over the curves", "method", "median", "p90", "worst", "best on", "failed");
            for (org.bnsl.select.Backtest.Summary m : r.methods()) {
                h.append("<tr><td>").append(Html.escape(m.name())).append("</td>")
                        .append(num(m.median(), 4, "backtest:median:" + m.name())).append(num(m.p90(), 4, null))
                        .append(num(m.worst(), 4, null)).append("<td>").append(m.name().equals("oracle") ? "" : m.bestCount())
                        .append("</td><td>").append(m.failed()).append("</td></tr>\n");
            }
            tableEnd(h);
            if (!r.failures().isEmpty()) {
                h.append("<p class=\"muted\">").append(r.failures().size()).append(" failed fits, the first: ")
                        .append(Html.escape(r.failures().get(0).curve() + " / " + r.failures().get(0).method() + ": "
                                + r.failures().get(0).reason())).append("</p>\n");
            }
        }
    }

    /**
     * Compute-optimal planning with a fitted law in N and D ({@link ComputeOptimal}): at budgets
     * from the smallest 6·N·D among the runs to 100 times the largest, the best N*, D*, the loss L*
     * and tokens per parameter; for the {@code chinchilla} law also the closed form of Hoffmann et
     * al. 2022 eq. 4. With a bootstrap, the interval of each over the resampled laws.
     */
    static final class PlanSection implements Section {
        /** Budgets in the table. */
        static final int POINTS = 6;
        /** The table reaches this many times the largest budget among the runs. */
        static final double REACH = 100;

        public String id() { return "planning"; }

        public String title() { return "Compute-optimal planning"; }

        public boolean applies(Context c) {
            return c.results().stream().anyMatch(PlanSection::plannable);
        }

        private static boolean plannable(Extrapolation e) {
            return e.fit().law().variables().equals(List.of("N", "D")) && e.fit().xOffset() == 0;
        }

        public void render(Context c, StringBuilder h) {
            List<String> cols = c.variableColumns();
            h.append("<p class=\"muted\">The split of a FLOP budget C = 6·N·D between parameters N (<code>").append(Html.escape(cols.get(0)))
                    .append("</code>) and tokens D (<code>").append(Html.escape(cols.get(1)))
                    .append("</code>) that minimises the fitted law, from the smallest budget among the runs to ")
                    .append(Html.escape(format(REACH))).append("× the largest: beyond that, it is extrapolation.</p>\n");
            for (Extrapolation e : c.results()) {
                if (!plannable(e)) continue;
                String g = slug(e.train().name());
                if (c.results().size() > 1) h.append("<h3>").append(Html.escape(e.train().name())).append("</h3>\n");
                Fit fit = e.fit();
                double lo = Double.POSITIVE_INFINITY;
                double hi = 0;
                for (Series s : List.of(e.train(), e.holdout())) {
                    for (int i = 0; i < s.size(); i++) {
                        double b = 6 * s.x(0, i) * s.x(1, i);
                        if (b > 0 && Double.isFinite(b)) {
                            lo = Math.min(lo, b);
                            hi = Math.max(hi, b);
                        }
                    }
                }
                List<Plan> plans;
                ComputeOptimal planner;
                try {
                    planner = new ComputeOptimal(fit.law(), fit.parameters());
                    lo = Math.max(lo, planner.minimumBudget());
                    plans = planner.planRange(lo, Math.max(REACH * hi, lo * 10), POINTS);
                } catch (org.bnsl.InputException ex) {
                    h.append("<p>Cannot plan with this fit: ").append(Html.escape(ex.getMessage())).append("</p>\n");
                    continue;
                }
                if (fit.law().name().equals("chinchilla")) {
                    ClosedForm cf = ClosedForm.ofChinchilla(fit.parameters());
                    h.append("<p>Closed form (Hoffmann et al. 2022 eq. 4): N*(C) = G·(C/6)<sup>a</sup>, D*(C) = G<sup>−1</sup>·(C/6)<sup>b</sup>, with</p>\n");
                    tableStart(h, null, "G = (αA/βB)^(1/(α+β))", "a = β/(α+β)", "b = α/(α+β)");
                    h.append("<tr>").append(num(cf.g(), 5, g + ":closed:G")).append(num(cf.a(), 4, g + ":closed:a"))
                            .append(num(cf.b(), 4, g + ":closed:b")).append("</tr>\n");
                    tableEnd(h);
                }
                BootstrapResult boot = e.uncertainty();
                List<String> heads = new ArrayList<>(List.of("budget C (FLOP)", "N*", "D*", "L*", "tokens / param"));
                if (boot != null) {
                    String lvl = format(100 * boot.level(), 3) + "%";
                    heads.addAll(List.of("N* " + lvl, "D* " + lvl, "L* " + lvl));
                }
                tableStart(h, null, heads.toArray(String[]::new));
                for (int i = 0; i < plans.size(); i++) {
                    Plan p = plans.get(i);
                    String k = g + ":plan:" + i + ":";
                    h.append("<tr>").append(num(p.budget(), 3, k + "C")).append(num(p.n(), 4, k + "N"))
                            .append(num(p.d(), 4, k + "D")).append(num(p.loss(), 5, k + "L"))
                            .append(num(p.tokensPerParam(), 3, k + "D/N"));
                    if (boot != null) {
                        PlanIntervals iv = ComputeOptimal.intervals(fit.law(), boot.parameters(), CostModel.TRAINING, p.budget(),
                                boot.level());
                        h.append(interval(iv.n().lo(), iv.n().hi(), 3, null)).append(interval(iv.d().lo(), iv.d().hi(), 3, null))
                                .append(interval(iv.loss().lo(), iv.loss().hi(), 4, null));
                    }
                    h.append("</tr>\n");
                }
                tableEnd(h);
            }
        }
    }

    static final class ReproduceSection implements Section {
        public String id() { return "reproduce"; }

        public String title() { return "Reproduce"; }

        public void render(Context c, StringBuilder h) {
            h.append("<p>Made by bnsl <code data-key=\"version\">").append(Html.escape(c.version()))
                    .append("</code> with:</p>\n<pre><code>").append(Html.escape(c.commandLine())).append("</code></pre>\n");
        }
    }
}
