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
import org.bnsl.io.Model;
import org.bnsl.io.render.FitReport;
import org.bnsl.io.report.View.Cell;
import org.bnsl.io.report.View.Row;
import org.bnsl.io.report.View.Table;
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

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The self-contained HTML report of {@code bnsl report}: one file, every style and chart inline,
 * nothing fetched. The page is a list of {@link Section}s, each rendering itself from the same
 * {@link Context} and shown only where it {@link Section#applies applies}: bootstrap intervals appear
 * in the fits and holdout tables when {@code --bootstrap} was given, the model comparison when a law
 * or break count was chosen ({@code --law auto}, {@code --breaks auto}), the planning table for laws
 * in N and D.
 *
 * <p>The markup is in jte templates ({@code io/src/main/jte}, compiled to classes at build time);
 * the pieces a web page shows too have a public entry point each, returning an HTML fragment styled
 * by {@link #css()}: {@link #dataSummary}, {@link #parameterTable}, {@link #scoresTable},
 * {@link #figure}, {@link #holdoutTable} and {@link #reproduce}.
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

        /** The section's body, HTML. */
        String render(Context c);
    }

    /** The sections in page order; the reproduction footer stays last. */
    static final List<Section> SECTIONS = List.of(new DataSection(), new PlotSection(), new FitsSection(),
            new ComparisonSection(), new HoldoutSection(), new BacktestSection(), new PlanSection(), new ReproduceSection());

    /** The templates, precompiled into this package by jte-maven-plugin. */
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            HtmlReport.class.getClassLoader(), HtmlReport.class.getPackageName());

    private HtmlReport() {
    }

    /** Renders a template of one parameter ({@code name.jte}). */
    static String template(String name, Object param) {
        StringOutput out = new StringOutput(8 * 1024);
        TEMPLATES.render(name + ".jte", param, out);
        return out.toString();
    }

    /** The whole page, every section that applies. */
    public static String render(Context c) {
        return render(c, SECTIONS);
    }

    /** The page with only these sections (those that apply), in their order. */
    static String render(Context c, List<Section> sections) {
        List<View.Part> parts = new ArrayList<>();
        for (Section s : sections) {
            if (s.applies(c)) parts.add(new View.Part(s.id(), s.title(), s.render(c)));
        }
        return template("page", new View.Page("bnsl report: " + c.run().fileName(), c.version(), CSS, SCRIPT, parts));
    }

    // ---- the pieces a web page shares with the report

    /** The stylesheet of the report; a page showing its pieces includes it (in a {@code <style>} element). */
    public static String css() {
        return CSS;
    }

    /** The data summary of fitted models (as {@link org.bnsl.io.Bnsl#fitTable} returns them, of one run): file, columns, split, ranges. */
    public static String dataSummary(List<Model> models) {
        List<Extrapolation> results = extrapolations(models);
        return template("data", DataSection.view(models.get(0).run(), results));
    }

    /**
     * The law of a model: formula, how it was fitted, the parameter table (with bootstrap
     * intervals when it has a bootstrap) and, for a BNSL, the breaks. Works for a model read from a
     * file too (without the fitting details).
     */
    public static String parameterTable(Model m) {
        if (m.extrapolation() != null) return template("parameters", FitsSection.parameters(m.extrapolation()));
        String g = slug(m.name());
        return template("parameters", FitsSection.parameters(g, m.name(), m.law(), m.parameters(), m.xOffset(), m.bootstrap(), -1, null));
    }

    /** The RMSLE on the fitted and the held-out points of a fitted model. */
    public static String scoresTable(Model m) {
        return template("scores", FitsSection.scores(fitted(m)));
    }

    /**
     * The figure of fitted models (points, curves, held-out points, bands, breaks), laid out for a
     * wide and a narrow screen, or as small multiples (see {@link Figure#AUTO_FACET}).
     */
    public static String figure(List<Model> models, Figure.Options options) {
        List<Extrapolation> results = extrapolations(models);
        FitRun run = models.get(0).run();
        return template("plot", PlotSection.view(results, Figure.of(results, run, options), run.spec().y(), "fig-"));
    }

    /** The held-out points of a fitted model, each with its prediction, error and extrapolation distance; empty without any. */
    public static String holdoutTable(Model m) {
        Extrapolation e = fitted(m);
        if (e.holdout().size() == 0) return "";
        List<String> cols = new ArrayList<>(m.run().columns().values());
        return template("holdout", new View.Holdout(cols.size() > 1, List.of(HoldoutSection.group(e, cols, false))));
    }

    /** The footer: the bnsl version and the command (or request) that made the page. */
    public static String reproduce(String commandLine, String version) {
        return template("reproduce", new View.Reproduce(version, commandLine));
    }

    private static Extrapolation fitted(Model m) {
        if (m.extrapolation() == null) {
            throw new IllegalArgumentException("model '" + m.name() + "' was read from a file: it has no data to show");
        }
        return m.extrapolation();
    }

    private static List<Extrapolation> extrapolations(List<Model> models) {
        if (models.isEmpty()) throw new IllegalArgumentException("no models");
        List<Extrapolation> out = new ArrayList<>();
        for (Model m : models) out.add(fitted(m));
        return out;
    }

    /**
     * Records, in {@code body}'s data attributes (read back by tests through the DOM): each shown
     * chart's drawn size ({@code data-chart-sizes}); the smallest chart text as drawn, in CSS px
     * ({@code data-chart-font}: a chart's smallest font times its drawn width over its own);
     * how far the page is wider than the window ({@code data-page-overflow}); and how far the data
     * table is wider than its column ({@code data-table-overflow}).
     */
    private static final String SCRIPT = """
            (function () {
              var sizes = [], font = Infinity;
              document.querySelectorAll('figure .chart').forEach(function (div) {
                var svg = div.querySelector('svg');
                var r = svg.getBoundingClientRect();
                if (r.width === 0) return;
                sizes.push(Math.round(r.width) + 'x' + Math.round(r.height));
                var own = svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width || svg.width.baseVal.value;
                font = Math.min(font, parseFloat(div.dataset.minFont) * r.width / own);
              });
              var b = document.body.dataset;
              b.chartSizes = sizes.join(' ');
              b.chartFont = font === Infinity ? '' : font.toFixed(2);
              b.pageOverflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
              var t = document.querySelector('#data .scroll');
              b.tableOverflow = t ? t.scrollWidth - t.clientWidth : 0;
            })();
            """;

    private static final String CSS = """
            :root { --ink: #1b1b1b; --muted: #5c5c5c; --rule: #d9d9d9; --band: #f5f6f8; --accent: #0072b2; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--ink); background: #fff;
              font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            main { max-width: 980px; margin: 0 auto; padding: 1rem 1rem 3rem; }
            h1 { font-size: 1.5rem; margin: .5rem 0 .25rem; overflow-wrap: anywhere; }
            h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid var(--rule); }
            h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
            nav ul { list-style: none; padding: 0; margin: .25rem 0 1rem; display: flex; flex-wrap: wrap; gap: .3rem 1rem; }
            nav a { color: var(--accent); text-decoration: none; }
            .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .4rem 0 1rem; }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: .92rem; }
            th, td { padding: .25rem .7rem; text-align: right; border-bottom: 1px solid var(--rule); white-space: nowrap; }
            th { white-space: normal; overflow-wrap: break-word; vertical-align: bottom; }
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
            figure .chart.narrow { display: none; }
            figure.facets { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 380px), 1fr)); gap: .5rem 1rem; }
            figure.facets figcaption { grid-column: 1 / -1; }
            @media (max-width: 760px) { figure .chart.wide { display: none; } figure .chart.narrow { display: block; } }
            figcaption { color: var(--muted); font-size: .88rem; margin-top: .3rem; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0; }
            dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
            @media (max-width: 600px) { body { font-size: 14px; } main { padding: .6rem; } th, td { padding: .2rem .45rem; }
              td { white-space: normal; overflow-wrap: break-word; }
              /* a table of five columns or more: one block per row, each cell labelled by its column */
              table.stack, table.stack tbody, table.stack tr { display: block; width: 100%; }
              table.stack caption { display: block; text-align: left; }
              table.stack thead { display: none; }
              table.stack tr { border-bottom: 1px solid var(--rule); padding: .25rem 0; }
              table.stack td { display: flex; justify-content: space-between; gap: 1rem; border: 0; padding: .05rem .2rem; text-align: right; }
              table.stack td { overflow-wrap: anywhere; }
              table.stack td::before { content: attr(data-label); flex: none; max-width: 55%; color: var(--muted); text-align: left; }
              table.stack td:first-child { font-weight: 600; } }
            @media print {
              body { font-size: 10pt; } main { max-width: none; padding: 0; }
              nav { display: none; } a { color: inherit; text-decoration: none; }
              section, figure, table { break-inside: avoid; } h2, h3 { break-after: avoid; }
              .scroll { overflow: visible; } pre { white-space: pre-wrap; }
              figure .chart.wide { display: block; } figure .chart.narrow { display: none; }
            }
            """;

    // ---- helpers shared by sections

    /** "90% interval", the heading of an interval column. */
    static String intervalHead(BootstrapResult b) {
        return format(100 * b.level(), 3) + "% interval";
    }

    static Table table(String caption, List<String> heads, List<Row> rows) {
        return new Table(caption, List.copyOf(heads), List.copyOf(rows));
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

        public String render(Context c) {
            return template("data", view(c.run(), c.results()));
        }

        static View.Data view(FitRun run, List<Extrapolation> results) {
            int train = 0;
            int held = 0;
            for (Extrapolation e : results) {
                train += e.train().size();
                held += e.holdout().size();
            }
            List<View.Column> scale = new ArrayList<>();
            run.columns().forEach((v, col) -> scale.add(new View.Column(v, col)));
            List<String> heads = new ArrayList<>(List.of("group", "fitted", "held out"));
            List<String> cols = new ArrayList<>(run.columns().values());
            for (String col : cols) heads.add(col + " range");
            heads.add(run.spec().y() + " range");
            List<Row> rows = new ArrayList<>();
            for (Extrapolation e : results) {
                List<Cell> cells = new ArrayList<>(List.of(Cell.text(e.train().name()), Cell.text(e.train().size()),
                        Cell.text(e.holdout().size())));
                for (int j = 0; j < cols.size(); j++) cells.add(Cell.text(range(e.train().x(j), e.holdout().x(j))));
                cells.add(Cell.text(range(e.train().y(), e.holdout().y())));
                rows.add(new Row(cells));
            }
            return new View.Data(run.source(), run.spec().y(), scale, run.spec().where(), results.size(), run.spec().group(), train, held,
                    run.spec().holdoutAbove() != null ? format(run.spec().holdoutAbove()) : null, run.spec().holdoutWhere(),
                    table(null, heads, rows));
        }

        private static String range(double[] a, double[] b) {
            double lo = Math.min(FitReport.min(a), FitReport.min(b));
            double hi = Math.max(FitReport.max(a), FitReport.max(b));
            return format(lo, 4) + " – " + format(hi, 4);
        }
    }

    static final class PlotSection implements Section {
        public String id() { return "plots"; }

        public String title() { return "Plots"; }

        public String render(Context c) {
            if (c.figure() == null) {
                // a law of three or more variables cannot be drawn: the section says why, the rest of the report is there
                Law law = c.results().get(0).fit().law();
                return "<p>No plot: law " + Html.escape(law.name()) + " has " + law.variables().size() + " variables ("
                        + Html.escape(String.join(", ", law.variables()))
                        + "); only laws of one or two variables can be drawn. The fits and the other sections are below.</p>\n";
            }
            return template("plot", view(c.results(), c.figure(), c.run().spec().y(), "fig"));
        }

        /**
         * The figure's charts. One panel is drawn twice, for a wide and for a narrow screen (the page
         * shows one, by the width), so that its text is as large as the page's smallest; several
         * panels are drawn one chart each, at the narrow layout, side by side as the width allows.
         */
        static View.Plot view(List<Extrapolation> results, Figure f, String y, String prefix) {
            List<View.Chart> charts = new ArrayList<>();
            String title = "Fitted " + y;
            if (f.panelCount() == 1) {
                charts.add(chart(f, title, FigureRenderer.Layout.WIDE, "wide", prefix + "w-"));
                charts.add(chart(f, title, FigureRenderer.Layout.NARROW, "narrow", prefix + "n-"));
            } else {
                for (int i = 0; i < f.panelCount(); i++) {
                    charts.add(chart(f.panel(i), title, FigureRenderer.Layout.NARROW, "facet", prefix + (i + 1) + "-"));
                }
            }
            boolean held = results.stream().anyMatch(e -> e.holdout().size() > 0);
            boolean breaks = results.stream().anyMatch(e -> e.fit().law() instanceof Bnsl b && b.breaks() > 0);
            return new View.Plot(charts, f.panelCount() > 1, held, Double.isNaN(f.bandLevel) ? null : f.bandLabel(), f.hasFrontier(),
                    breaks);
        }

        private static View.Chart chart(Figure f, String title, FigureRenderer.Layout layout, String name, String prefix) {
            return new View.Chart(inlineSvg(FigureRenderer.svg(f, title, layout), prefix), name, Math.min(layout.font(), layout.small()));
        }
    }

    static final class FitsSection implements Section {
        public String id() { return "fits"; }

        public String title() { return "Fitted laws"; }

        public String render(Context c) {
            StringBuilder h = new StringBuilder();
            for (Extrapolation e : c.results()) {
                h.append(template("parameters", parameters(e))).append(template("scores", scores(e)));
            }
            FitReport.Pooled pooled = FitReport.Pooled.of(c.results());
            if (pooled != null && c.results().size() > 1) {
                h.append("<p>Holdout over ").append(c.results().size()).append(" groups: n = ").append(pooled.n())
                        .append(", pooled R² ").append(Html.escape(format(pooled.r2(), 4))).append(", median RMSLE ")
                        .append(Html.escape(format(pooled.medianRmsle(), 4))).append(", max RMSLE ")
                        .append(Html.escape(format(pooled.maxRmsle(), 4))).append(".</p>\n");
            }
            return h.toString();
        }

        static View.Parameters parameters(Extrapolation e) {
            Fit fit = e.fit();
            return parameters(slug(e.train().name()), e.train().name(), fit.law(), fit.parameterMap(), fit.xOffset(), e.uncertainty(),
                    e.train().size(), fit.objective().id() + "-space " + fit.lossFunction() + " objective " + format(fit.loss(), 5));
        }

        static View.Parameters parameters(String g, String name, org.bnsl.law.Law law, Map<String, Double> values, double xOffset,
                BootstrapResult boot, int points, String objective) {
            List<String> heads = new ArrayList<>(List.of("parameter", "value"));
            String note = null;
            if (boot != null) {
                note = format(100 * boot.level(), 3) + "% bootstrap percentile intervals from " + boot.succeeded() + " resamples"
                        + (boot.failed() > 0 ? " (" + boot.failed() + " failed to refit)" : "") + ", seed " + boot.options().seed() + ".";
                heads.add(intervalHead(boot));
            }
            List<Row> rows = new ArrayList<>();
            for (Map.Entry<String, Double> kv : values.entrySet()) {
                List<Cell> cells = new ArrayList<>(List.of(Cell.text(kv.getKey()), Cell.num(kv.getValue(), 6, g + ":param:" + kv.getKey())));
                if (boot != null) {
                    ParameterInterval iv = boot.parameterInterval(kv.getKey());
                    cells.add(Cell.interval(iv.lo(), iv.hi(), 4, g + ":param-interval:" + kv.getKey()));
                }
                rows.add(new Row(cells));
            }
            Table breakTable = null;
            int breaks = -1;
            if (law instanceof Bnsl b) {
                breaks = b.breaks();
                if (b.breaks() > 0) {
                    double[] p = values.values().stream().mapToDouble(Double::doubleValue).toArray();
                    double[] slopes = b.segmentSlopes(p);
                    List<Row> br = new ArrayList<>();
                    for (int i = 1; i <= b.breaks(); i++) {
                        double at = p[Bnsl.breakIndex(i) + 1] - xOffset;
                        br.add(new Row(List.of(Cell.text("d" + Figure.subscript(i)), Cell.num(at, 4, g + ":d" + i),
                                Cell.num(slopes[i - 1], 4, null), Cell.num(slopes[i], 4, null))));
                    }
                    breakTable = table("log-log slope of y − a before and after each break",
                            List.of("break", "at x", "slope before", "slope after"), br);
                }
            }
            return new View.Parameters("fit-" + g, name, law.formula(), law.name(), breaks, points, objective,
                    xOffset != 0 ? format(xOffset) : null, note, table(null, heads, rows), breakTable);
        }

        static Table scores(Extrapolation e) {
            String g = slug(e.train().name());
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(List.of(Cell.text("fitted"), Cell.text(e.train().size()), Cell.num(e.trainRmsle(), 4, g + ":train-rmsle"))));
            if (e.holdout().size() > 0) {
                rows.add(new Row(List.of(Cell.text("held out"), Cell.text(e.holdout().size()),
                        Cell.num(e.holdoutRmsle(), 4, g + ":holdout-rmsle"))));
            }
            return table(null, List.of("score", "points", "RMSLE"), rows);
        }
    }

    static final class HoldoutSection implements Section {
        public String id() { return "holdout"; }

        public String title() { return "Held-out points"; }

        public boolean applies(Context c) {
            return c.results().stream().anyMatch(e -> e.holdout().size() > 0);
        }

        public String render(Context c) {
            List<String> cols = c.variableColumns();
            List<View.Group> groups = new ArrayList<>();
            for (Extrapolation e : c.results()) {
                if (e.holdout().size() > 0) groups.add(group(e, cols, c.results().size() > 1));
            }
            return template("holdout", new View.Holdout(cols.size() > 1, groups));
        }

        static View.Group group(Extrapolation e, List<String> cols, boolean headed) {
            Series ho = e.holdout();
            String g = slug(e.train().name());
            BootstrapResult boot = e.uncertainty();
            List<String> heads = new ArrayList<>(cols);
            heads.addAll(List.of("actual", "predicted"));
            if (boot != null) heads.add(intervalHead(boot));
            heads.add("error");
            for (String col : cols) heads.add(cols.size() > 1 ? col + " / largest fitted" : "x / largest fitted x");
            double[] pred = e.holdoutPredicted();
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < ho.size(); i++) {
                List<Cell> cells = new ArrayList<>();
                for (int j = 0; j < cols.size(); j++) cells.add(Cell.num(ho.x(j, i), 6, null));
                double err = pred[i] / ho.y(i) - 1;
                cells.add(Cell.num(ho.y(i), 6, null));
                cells.add(Cell.num(pred[i], 6, g + ":predicted:" + i));
                if (boot != null) {
                    PredictionInterval iv = boot.predict(ho.point(i));
                    cells.add(Cell.interval(iv.lo(), iv.hi(), 4, g + ":interval:" + i));
                }
                cells.add(new Cell(String.format(Locale.ROOT, "%+.2f%%", 100 * err).replace('-', '−'),
                        Math.abs(err) < 0.05 ? "good" : Math.abs(err) > 0.2 ? "bad" : "", null, Double.toString(err), null, null));
                for (int j = 0; j < cols.size(); j++) {
                    double r = ho.x(j, i) / FitReport.max(e.train().x(j));
                    String shown = Double.isFinite(r) ? format(r, 3) : "—";
                    cells.add(new Cell(shown + (r > 10 ? " !" : ""), r > 10 ? "far" : null, g + ":distance:" + i + (j == 0 ? "" : ":" + j),
                            Double.isFinite(r) ? Double.toString(r) : "", null, null));
                }
                rows.add(new Row(cells));
            }
            return new View.Group(headed ? e.train().name() : null, null, table(null, heads, rows));
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

        public String render(Context c) {
            List<View.Group> groups = new ArrayList<>();
            for (Extrapolation e : c.results()) {
                AutoFit.Outcome o = e.choice();
                if (o == null) continue;
                String g = slug(e.train().name());
                double best = Double.POSITIVE_INFINITY;
                for (ModelChoice.Scored sc : o.scored()) best = Math.min(best, sc.score());
                List<Row> rows = new ArrayList<>();
                for (ModelChoice.Scored sc : o.scored()) {
                    boolean chosen = isChosen(o, sc);
                    rows.add(new Row(List.of(Cell.text(sc.candidate().name()), Cell.text(sc.candidate().parameters()),
                            Cell.num(sc.score(), 4, g + ":score:" + sc.candidate().name()),
                            Cell.num(Double.isFinite(best) && best > 0 ? sc.score() / best : Double.NaN, 3, null),
                            Cell.text((chosen ? "✓ chosen" : "") + (sc.error() == null ? "" : (chosen ? "; " : "") + sc.error()))), chosen));
                }
                groups.add(new View.Group(c.results().size() > 1 ? e.train().name() : null, null,
                        table("chosen: " + o.chosen(), List.of("candidate", "parameters", "score", "× best", ""), rows)));
            }
            return template("comparison", new View.Comparison(groups));
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

        public String render(Context c) {
            org.bnsl.select.Backtest.Report r = c.backtest();
            List<Row> rows = new ArrayList<>();
            for (org.bnsl.select.Backtest.Summary m : r.methods()) {
                rows.add(new Row(List.of(Cell.text(m.name()), Cell.num(m.median(), 4, "backtest:median:" + m.name()),
                        Cell.num(m.p90(), 4, null), Cell.num(m.worst(), 4, null),
                        Cell.text(m.name().equals("oracle") ? "" : String.valueOf(m.bestCount())), Cell.text(m.failed()))));
            }
            String first = r.failures().isEmpty() ? null
                    : r.failures().get(0).curve() + " / " + r.failures().get(0).method() + ": " + r.failures().get(0).reason();
            return template("backtest", new View.Backtest(r.curves().size(),
                    table("holdout RMSLE over the curves", List.of("method", "median", "p90", "worst", "best on", "failed"), rows),
                    r.failures().size(), first));
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

        public String render(Context c) {
            List<String> cols = c.variableColumns();
            List<View.Plan> groups = new ArrayList<>();
            for (Extrapolation e : c.results()) {
                if (plannable(e)) groups.add(plan(e, c.results().size() > 1 ? e.train().name() : null));
            }
            return template("planning", new View.Planning(cols.get(0), cols.get(1), format(REACH), groups));
        }

        private static View.Plan plan(Extrapolation e, String heading) {
            String g = slug(e.train().name());
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
            try {
                ComputeOptimal planner = new ComputeOptimal(fit.law(), fit.parameters());
                lo = Math.max(lo, planner.minimumBudget());
                plans = planner.planRange(lo, Math.max(REACH * hi, lo * 10), POINTS);
            } catch (org.bnsl.InputException ex) {
                return new View.Plan(heading, ex.getMessage(), null, null);
            }
            Table closed = null;
            if (fit.law().name().equals("chinchilla")) {
                ClosedForm cf = ClosedForm.ofChinchilla(fit.parameters());
                closed = table(null, List.of("G = (αA/βB)^(1/(α+β))", "a = β/(α+β)", "b = α/(α+β)"), List.of(new Row(List.of(
                        Cell.num(cf.g(), 5, g + ":closed:G"), Cell.num(cf.a(), 4, g + ":closed:a"), Cell.num(cf.b(), 4, g + ":closed:b")))));
            }
            BootstrapResult boot = e.uncertainty();
            List<String> heads = new ArrayList<>(List.of("budget C (FLOP)", "N*", "D*", "L*", "tokens / param"));
            if (boot != null) {
                String lvl = format(100 * boot.level(), 3) + "%";
                heads.addAll(List.of("N* " + lvl, "D* " + lvl, "L* " + lvl));
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                Plan p = plans.get(i);
                String k = g + ":plan:" + i + ":";
                List<Cell> cells = new ArrayList<>(List.of(Cell.num(p.budget(), 3, k + "C"), Cell.num(p.n(), 4, k + "N"),
                        Cell.num(p.d(), 4, k + "D"), Cell.num(p.loss(), 5, k + "L"), Cell.num(p.tokensPerParam(), 3, k + "D/N")));
                if (boot != null) {
                    PlanIntervals iv = ComputeOptimal.intervals(fit.law(), boot.parameters(), CostModel.TRAINING, p.budget(), boot.level());
                    cells.add(Cell.interval(iv.n().lo(), iv.n().hi(), 3, null));
                    cells.add(Cell.interval(iv.d().lo(), iv.d().hi(), 3, null));
                    cells.add(Cell.interval(iv.loss().lo(), iv.loss().hi(), 4, null));
                }
                rows.add(new Row(cells));
            }
            return new View.Plan(heading, null, closed, table(null, heads, rows));
        }
    }

    static final class ReproduceSection implements Section {
        public String id() { return "reproduce"; }

        public String title() { return "Reproduce"; }

        public String render(Context c) {
            return reproduce(c.commandLine(), c.version());
        }
    }
}
