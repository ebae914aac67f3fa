package org.bnsl.io.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;

/**
 * Draws a {@link Figure} with XChart: per panel a log-log chart of the points, curves and breaks,
 * and under it the residuals ln ŷ − ln y against x; panels side by side for {@code --facet}. SVG
 * through VectorGraphics2D, PNG through Java2D at twice the size.
 */
public final class FigureRenderer {
    /** Okabe–Ito colours, ordered so neighbours differ in lightness too (greyscale printing). */
    private static final Color[] QUALITATIVE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
        new Color(0xD55E00), new Color(0x56B4E9), new Color(0xCC79A7), new Color(0x000000)};
    /** Viridis from dark to light (its pale yellow end left out), for ordered layers such as budgets. */
    private static final Color[] VIRIDIS = {new Color(0x440154), new Color(0x482878), new Color(0x3E4A89),
        new Color(0x31688E), new Color(0x26828E), new Color(0x1F9E89), new Color(0x35B779), new Color(0x6DCD59),
        new Color(0xB4DE2C)};
    private static final float[][] DASHES = {null, {7f, 4f}, {2f, 3f}, {9f, 3f, 2f, 3f}, {14f, 4f}, {4f, 2f, 4f, 6f}};
    private static final Color GRID = new Color(0xE4E4E4);

    static final int SINGLE_WIDTH = 780;
    public static final int FACET_WIDTH = 470;
    static final int MAIN_HEIGHT = 440;
    static final int RESIDUAL_HEIGHT = 170;

    /**
     * The size of a panel (its main chart and the residuals under it) and of its text, in px: CSS
     * px when the SVG is shown at its own width. A page scales an SVG to its column, text included,
     * so a figure is laid out for the width it will be shown at.
     *
     * @param singleWidth a figure of one panel
     * @param facetWidth each panel of a faceted figure
     * @param font axis titles
     * @param small tick labels, legend and break labels (the smallest text)
     */
    public record Layout(int singleWidth, int facetWidth, int mainHeight, int residualHeight, float font, float small) {
        /** Image files ({@code --plot}, {@code bnsl plot}) and pages wider than about 760 px. */
        public static final Layout WIDE = new Layout(SINGLE_WIDTH, FACET_WIDTH, MAIN_HEIGHT, RESIDUAL_HEIGHT, 12, 11);
        /**
         * A phone's width: 400 px wide, so that on a 390 px screen (about 370 px of column) the
         * smallest text, 12 px, is still about 11 px; also each small multiple of a page.
         */
        public static final Layout NARROW = new Layout(400, 400, 320, 150, 13, 12);

        Font titleFont() {
            return new Font(Font.SANS_SERIF, Font.BOLD, Math.round(font + 1));
        }

        Font axisFont() {
            return new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(font));
        }

        Font smallFont() {
            return new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(small));
        }

        int panelWidth(Figure f) {
            return f.panels.size() == 1 ? singleWidth : facetWidth;
        }
    }

    private FigureRenderer() {
    }

    /** Image formats by file extension. */
    public enum Format {
        SVG, PNG;

        /** The format named by the file's extension (.svg or .png); any other is an {@link org.bnsl.InputException} naming {@code option}. */
        public static Format of(java.nio.file.Path file, String option) {
            String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".svg")) return SVG;
            if (n.endsWith(".png")) return PNG;
            int dot = n.lastIndexOf('.');
            throw new org.bnsl.InputException(option + " " + file + ": unknown image type "
                    + (dot < 0 ? "(no extension)" : "'" + n.substring(dot) + "'") + "; use .svg or .png");
        }
    }

    /** Panels side by side in a faceted figure. */
    public static int columns(Figure f) {
        return Math.min(3, f.panels.size());
    }

    /** The picture's width in pixels. */
    public static int width(Figure f) {
        return width(f, Layout.WIDE);
    }

    /** The picture's width in pixels, laid out so. */
    public static int width(Figure f, Layout layout) {
        return f.panels.size() == 1 ? layout.singleWidth() : columns(f) * layout.facetWidth();
    }

    /** The picture's height in pixels. */
    public static int height(Figure f) {
        return height(f, Layout.WIDE);
    }

    /** The picture's height in pixels, laid out so. */
    public static int height(Figure f, Layout layout) {
        int rows = (f.panels.size() + columns(f) - 1) / columns(f);
        return rows * (mainHeight(f, layout) + layout.residualHeight());
    }

    /** The figure as a standalone SVG document with a title and a description naming the axes. */
    public static String svg(Figure f, String title) {
        return svg(f, title, Layout.WIDE);
    }

    /** The figure as a standalone SVG document, laid out so. */
    public static String svg(Figure f, String title, Layout layout) {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g, f, layout);
        Document doc = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(f, layout), height(f, layout)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            doc.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String s = out.toString(StandardCharsets.UTF_8);
        int open = s.indexOf("<svg");
        int close = s.indexOf('>', open);
        String meta = "<title>" + Html.escape(title) + "</title><desc>" + Html.escape(description(f)) + "</desc>";
        return s.substring(0, close + 1) + meta + s.substring(close + 1);
    }

    /** The figure as a PNG at twice its nominal size. */
    public static byte[] png(Figure f) {
        int scale = 2;
        BufferedImage img = new BufferedImage(width(f) * scale, height(f) * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(scale, scale);
        paint(g, f);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** What the figure shows, in words (the SVG's description, for screen readers and search). */
    public static String description(Figure f) {
        StringBuilder sb = new StringBuilder();
        sb.append("x axis: ").append(f.xLabel).append(" (log scale); y axis: ").append(f.yLabel)
                .append(f.logY ? " (log scale)" : " (linear scale)").append(". ");
        for (Figure.Panel p : f.panels) {
            sb.append(p.title()).append(": ");
            for (Figure.Layer l : p.layers()) {
                sb.append(l.label()).append(" (").append(l.trainX().length).append(" fitted, ")
                        .append(l.holdX().length).append(" held out");
                for (Figure.Break b : l.breaks()) sb.append("; break ").append(b.label());
                if (l.hasBand()) sb.append("; shaded: ").append(f.bandLabel()).append(" (bootstrap prediction interval)");
                sb.append("); ");
            }
            for (Figure.Guide g : p.guides()) {
                sb.append("dashed black line: ").append(g.label());
                if (g.label().contains(Figure.FRONTIER)) sb.append(" (the loss L* at the compute-optimal size N* of each budget C)");
                sb.append("; ");
            }
        }
        sb.append("Lower panel: residuals ln ŷ − ln y.");
        return sb.toString();
    }

    /** Draws the figure on a graphics context of {@link #width} × {@link #height}. */
    public static void paint(Graphics2D g, Figure f) {
        paint(g, f, Layout.WIDE);
    }

    /** Draws the figure, laid out so. */
    public static void paint(Graphics2D g, Figure f, Layout layout) {
        int cols = columns(f);
        int w = layout.panelWidth(f);
        int mainHeight = mainHeight(f, layout);
        int residualHeight = layout.residualHeight();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(f, layout), height(f, layout));
        for (int k = 0; k < f.panels.size(); k++) {
            Figure.Panel p = f.panels.get(k);
            int x0 = (k % cols) * w;
            int y0 = (k / cols) * (mainHeight + residualHeight);
            Range xr = xRange(p);
            XYChart main = mainChart(f, p, xr, w, layout);
            XYChart res = residualChart(f, p, xr, w, layout);
            // Line the two plot areas up: the one with narrower y tick labels is moved right and narrowed.
            int[] bm = plotEdges(main, w, mainHeight);
            int[] br = plotEdges(res, w, residualHeight);
            int lm = bm[0];
            int lr = br[0];
            int left = Math.max(lm, lr);
            int narrower = Math.max(0, br[1] - bm[1]); // a legend outside the main plot takes its right side
            Graphics2D g1 = (Graphics2D) g.create();
            g1.translate(x0 + left - lm, y0);
            main.paint(g1, w - (left - lm), mainHeight);
            g1.dispose();
            Graphics2D g2 = (Graphics2D) g.create();
            g2.translate(x0 + left - lr, y0 + mainHeight);
            res.paint(g2, w - (left - lr) - narrower, residualHeight);
            g2.dispose();
        }
    }

    /** Layers beyond which the legend leaves the plot (beside it, or under it on a narrow layout). */
    static final int LEGEND_INSIDE = 4;

    /** Whether panels this wide put a legend of many entries under the plot rather than beside it. */
    private static boolean legendUnder(int width) {
        return width < 500;
    }

    /**
     * The height of a main chart: the layout's, and on a narrow layout with more than
     * {@value #LEGEND_INSIDE} layers a line more per legend entry, as the legend goes under the plot.
     */
    static int mainHeight(Figure f, Layout layout) {
        int most = 0;
        for (Figure.Panel p : f.panels) {
            if (p.layers().size() > LEGEND_INSIDE) most = Math.max(most, p.layers().size() + p.guides().size() + 1);
        }
        return layout.mainHeight() + (legendUnder(layout.panelWidth(f)) ? Math.round(most * (layout.small() + 7)) : 0);
    }

    record Range(double lo, double hi) {
    }

    /** Where the chart's plot area starts and ends (x), found by laying it out once on a scratch image. */
    private static int[] plotEdges(XYChart c, int w, int h) {
        Probe probe = new Probe();
        c.addAnnotation(probe);
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        c.paint(g, w, h);
        g.dispose();
        return new int[] {probe.left, probe.right};
    }

    /** Records the left edge of the plot area when painted; draws nothing. */
    private static final class Probe extends Annotation {
        int left;
        int right;

        Probe() {
            super(true);
        }

        @Override
        public void paint(Graphics2D g) {
            left = getXAxisScreenValueForMin();
            right = getXAxisScreenValueForMax();
            bounds = new Rectangle2D.Double(0, 0, 0, 0);
        }
    }

    private static Range xRange(Figure.Panel p) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Figure.Layer l : p.layers()) {
            for (double[] v : new double[][] {l.trainX(), l.holdX(), l.curveX()}) {
                for (double d : v) {
                    if (d > 0 && Double.isFinite(d)) {
                        lo = Math.min(lo, d);
                        hi = Math.max(hi, d);
                    }
                }
            }
        }
        return padLog(lo, hi, 0.03);
    }

    private static Range padLog(double lo, double hi, double fraction) {
        if (!(hi > lo)) return new Range(lo / 2, lo * 2);
        double r = Math.log10(hi / lo) * fraction;
        return new Range(lo / Math.pow(10, r), hi * Math.pow(10, r));
    }

    /** y range: the data, and the curves and bands within a decade of it (log) or half its span (linear). */
    private static Range yRange(Figure f, Figure.Panel p) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Figure.Layer l : p.layers()) {
            for (double[] v : new double[][] {l.trainY(), l.holdY()}) {
                for (double d : v) {
                    if (Double.isFinite(d) && (!f.logY || d > 0)) {
                        lo = Math.min(lo, d);
                        hi = Math.max(hi, d);
                    }
                }
            }
        }
        double cLo = f.logY ? lo / 10 : lo - 0.5 * (hi - lo);
        double cHi = f.logY ? hi * 10 : hi + 0.5 * (hi - lo);
        double dlo = lo;
        double dhi = hi;
        for (Figure.Layer l : p.layers()) {
            for (double[] v : l.hasBand() ? new double[][] {l.curveY(), l.bandLo(), l.bandHi()} : new double[][] {l.curveY()}) {
                for (double d : v) {
                    if (Double.isFinite(d) && (!f.logY || d > 0)) {
                        dlo = Math.min(dlo, Math.max(d, cLo));
                        dhi = Math.max(dhi, Math.min(d, cHi));
                    }
                }
            }
        }
        if (f.logY) return padLog(dlo, dhi, 0.04);
        double pad = (dhi - dlo) * 0.05 + (dhi == dlo ? Math.abs(dhi) * 0.1 + 1e-9 : 0);
        return new Range(dlo - pad, dhi + pad);
    }

    private static XYChart base(int w, int h, Layout layout) {
        XYChart c = new XYChart(w, h);
        XYStyler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(Color.GRAY);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartTitleFont(layout.titleFont());
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(layout.axisFont());
        s.setAxisTickLabelsFont(layout.smallFont());
        s.setLegendFont(layout.smallFont());
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        s.setAntiAlias(true);
        s.setMarkerSize(8);
        s.setChartPadding(8);
        s.setXAxisLogarithmic(true);
        s.setXAxisLogarithmicDecadeOnly(false);
        s.setYAxisLogarithmicDecadeOnly(false);
        s.setAnnotationLineColor(Color.DARK_GRAY);
        s.setAnnotationLineStroke(new BasicStroke(1f));
        return c;
    }

    private static XYChart mainChart(Figure f, Figure.Panel p, Range xr, int w, Layout layout) {
        XYChart c = base(w, mainHeight(f, layout), layout);
        boolean held = p.layers().stream().anyMatch(l -> l.holdX().length > 0);
        c.setTitle(fitted(p.layers().size() > 1 ? p.title() + (held ? "   (filled: fitted, open: held out)" : "")
                : p.title(), layout.titleFont(), w - 90)); // XChart centres the title on the plot area
        c.setXAxisTitle(f.xLabel);
        c.getStyler().setXAxisTitleVisible(false);
        c.setYAxisTitle(f.yLabel);
        XYStyler s = c.getStyler();
        s.setXAxisMin(xr.lo());
        s.setXAxisMax(xr.hi());
        double xDecades = Math.log10(xr.hi() / xr.lo());
        s.setxAxisTickLabelsFormattingFunction(v -> tick(v, xDecades));
        Range yr = yRange(f, p);
        s.setYAxisMin(yr.lo());
        s.setYAxisMax(yr.hi());
        s.setYAxisLogarithmic(f.logY);
        double yDecades = Math.log10(yr.hi() / yr.lo());
        LogTicks minor = f.logY ? LogTicks.of(yr.lo(), yr.hi(), layout) : null;
        if (minor != null) {
            s.setyAxisTickLabelsFormattingFunction(minor::major);
        } else if (f.logY) {
            s.setyAxisTickLabelsFormattingFunction(v -> tick(v, yDecades));
        }
        boolean falling = falling(p);
        // many layers: the legend beside the plot, or under it on a narrow layout (beside, it would squeeze the plot)
        s.setLegendPosition(p.layers().size() > LEGEND_INSIDE ? (legendUnder(w) ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE)
                : falling ? Styler.LegendPosition.InsideNE : Styler.LegendPosition.InsideSE);
        List<Figure.Layer> layers = p.layers();
        List<BreakLabel> labels = new ArrayList<>();
        // Bands go first: XChart paints series in the order they were added, so every curve and point lies on top.
        boolean banded = false;
        for (int i = 0; i < layers.size(); i++) {
            Figure.Layer l = layers.get(i);
            if (l.hasBand()) banded |= addBand(c, l.label() + ": " + f.bandLabel(), l, band(colour(f, i, layers.size())), yr, f.logY);
        }
        for (int i = 0; i < layers.size(); i++) {
            Figure.Layer l = layers.get(i);
            Color col = colour(f, i, layers.size());
            String name = layers.size() == 1 ? "" : l.label() + ": ";
            double[][] line = forDashes(l.curveX(), clip(l.curveY(), yr, f.logY), i, xr, yr, f.logY, w, mainHeight(f, layout));
            XYSeries curve = c.addSeries(layers.size() == 1 ? "fit" : l.label(), line[0], line[1]);
            curve.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            curve.setMarker(SeriesMarkers.NONE);
            curve.setLineColor(col);
            curve.setLineStyle(stroke(i, 2f));
            if (banded && i == 0 && layers.size() == 1) legendSwatch(c, f.bandLabel(), band(col), xr);
            if (l.trainX().length > 0) {
                XYSeries t = c.addSeries(name + "fitted points", l.trainX(), l.trainY());
                t.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                t.setMarker(new ShapeMarker(i, true));
                t.setMarkerColor(col);
                t.setShowInLegend(layers.size() == 1);
            }
            if (l.holdX().length > 0) {
                XYSeries h = c.addSeries(name + "held out", l.holdX(), l.holdY());
                h.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                h.setMarker(new ShapeMarker(i, false));
                h.setMarkerColor(col);
                h.setShowInLegend(layers.size() == 1);
            }
            for (Figure.Break b : l.breaks()) {
                if (b.x() > xr.lo() && b.x() < xr.hi()) labels.add(new BreakLabel(b, col, labels.size(), layout.smallFont()));
            }
        }
        if (banded && layers.size() > 1) legendSwatch(c, f.bandLabel() + "s (shaded)", band(Color.GRAY), xr);
        // Guides such as the compute-optimal frontier (org.bnsl.plan) are drawn as black dashed lines.
        for (Figure.Guide gd : p.guides()) {
            double[][] in = inside(gd.x(), gd.y(), xr, yr, f.logY);
            if (in[0].length < 2) continue;
            XYSeries s2 = c.addSeries(gd.label(), in[0], in[1]);
            s2.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            s2.setMarker(SeriesMarkers.NONE);
            s2.setLineColor(Color.BLACK);
            s2.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {5f, 3f}, 0f));
        }
        for (BreakLabel b : labels) c.addAnnotation(b);
        if (minor != null) c.addAnnotation(minor);
        return c;
    }

    /** The text cut to fit the width in this font, ending in "…" when cut (a chart's title is one line). */
    static String fitted(String text, Font font, int width) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics fm = g.getFontMetrics(font);
            if (fm.stringWidth(text) <= width) return text;
            int n = text.length();
            while (n > 1 && fm.stringWidth(text.substring(0, n).strip() + "…") > width) n--;
            return text.substring(0, n).strip() + "…";
        } finally {
            g.dispose();
        }
    }

    /** The fill of a prediction band: the layer's colour, light and translucent (a pale grey in greyscale). */
    public static Color band(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 48);
    }

    /**
     * Adds a layer's prediction band as one filled polygon (hi from left to right, lo back), clipped
     * to the y range, without an outline or a legend entry. Points where the band is undefined are
     * left out. Returns whether anything was added.
     */
    private static boolean addBand(XYChart c, String name, Figure.Layer l, Color fill, Range yr, boolean log) {
        double[] x = l.curveX();
        int n = 0;
        int[] keep = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double lo = l.bandLo()[i];
            double hi = l.bandHi()[i];
            if (Double.isFinite(lo) && Double.isFinite(hi) && (!log || (lo > 0 && hi > 0))) keep[n++] = i;
        }
        if (n < 2) return false;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int k = 0; k < n; k++) {
            int i = keep[k];
            px[k] = x[i];
            py[k] = Math.max(yr.lo(), Math.min(yr.hi(), l.bandHi()[i]));
            int j = keep[n - 1 - k];
            px[n + k] = x[j];
            py[n + k] = Math.max(yr.lo(), Math.min(yr.hi(), l.bandLo()[j]));
        }
        XYSeries s = c.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(SeriesLines.NONE);
        s.setLineColor(fill);
        s.setFillColor(fill);
        s.setShowInLegend(false);
        return true;
    }

    /** A legend entry that draws nothing on the plot (its one point is NaN): the box of the band. */
    private static void legendSwatch(XYChart c, String name, Color fill, Range xr) {
        XYSeries s = c.addSeries(name, new double[] {xr.lo()}, new double[] {Double.NaN});
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(SeriesLines.NONE);
        s.setLineColor(fill);
        s.setFillColor(fill);
    }

    /** The points of a guide inside the x range, with y moved to the edge of the y range. */
    private static double[][] inside(double[] x, double[] y, Range xr, Range yr, boolean log) {
        List<double[]> in = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= xr.lo() && x[i] <= xr.hi() && Double.isFinite(y[i]) && (!log || y[i] > 0)) {
                in.add(new double[] {x[i], Math.max(yr.lo(), Math.min(yr.hi(), y[i]))});
            }
        }
        double[][] out = new double[2][in.size()];
        for (int i = 0; i < in.size(); i++) {
            out[0][i] = in.get(i)[0];
            out[1][i] = in.get(i)[1];
        }
        return out;
    }

    private static XYChart residualChart(Figure f, Figure.Panel p, Range xr, int w, Layout layout) {
        XYChart c = base(w, layout.residualHeight(), layout);
        c.setXAxisTitle(f.xLabel);
        c.setYAxisTitle("ln ŷ − ln y");
        XYStyler s = c.getStyler();
        s.setLegendVisible(false);
        s.setXAxisMin(xr.lo());
        s.setXAxisMax(xr.hi());
        double xDecades = Math.log10(xr.hi() / xr.lo());
        s.setxAxisTickLabelsFormattingFunction(v -> tick(v, xDecades));
        double m = 0;
        for (Figure.Layer l : p.layers()) {
            for (double[] v : new double[][] {l.trainResidual(), l.holdResidual()}) {
                for (double d : v) if (Double.isFinite(d)) m = Math.max(m, Math.abs(d));
            }
        }
        m = Math.max(m * 1.2, 1e-3);
        s.setYAxisMin(-m);
        s.setYAxisMax(m);
        s.setYAxisDecimalPattern(m < 0.01 ? "0.0E0" : m < 0.1 ? "0.000" : m < 1 ? "0.00" : "0.0");
        // an invisible series keeps XChart happy when every residual is NaN
        XYSeries zero = c.addSeries(" ", new double[] {xr.lo(), xr.hi()}, new double[] {0, 0});
        zero.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(Color.DARK_GRAY);
        zero.setLineStyle(new BasicStroke(1f));
        List<Figure.Layer> layers = p.layers();
        for (int i = 0; i < layers.size(); i++) {
            Figure.Layer l = layers.get(i);
            Color col = colour(f, i, layers.size());
            addPoints(c, l.label() + ": fitted residuals", l.trainX(), l.trainResidual(), new ShapeMarker(i, true), col);
            addPoints(c, l.label() + ": held-out residuals", l.holdX(), l.holdResidual(), new ShapeMarker(i, false), col);
        }
        return c;
    }

    private static void addPoints(XYChart c, String name, double[] x, double[] y, Marker m, Color col) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i]) && x[i] > 0) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) return;
        XYSeries s = c.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarker(m);
        s.setMarkerColor(col);
    }

    /** Whether the curves fall (loss) rather than rise (accuracy): decides where the legend goes. */
    private static boolean falling(Figure.Panel p) {
        int down = 0;
        for (Figure.Layer l : p.layers()) {
            double[] y = l.curveY();
            if (y.length > 1 && y[y.length - 1] < y[0]) down++;
        }
        return 2 * down >= p.layers().size();
    }

    /** Curve values outside the plotted y range are moved to its edge so the line leaves the frame cleanly. */
    private static double[] clip(double[] y, Range r, boolean log) {
        double[] c = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            if (!Double.isFinite(v) || (log && !(v > 0))) {
                c[i] = Double.NaN;
            } else {
                c[i] = Math.max(r.lo(), Math.min(r.hi(), v));
            }
        }
        return c;
    }

    /**
     * The curve's points, thinned for a dashed line. XChart strokes each segment on its own, so the
     * dash pattern restarts at every point: with 240 points a segment is 2 to 3 px and every dash
     * pattern shows as a solid line. For a dashed layer the points are thinned so consecutive kept
     * points are at least two dash periods apart on screen (estimated from the chart's width and
     * height), keeping the ends and the points beside gaps (NaN); a solid layer is unchanged.
     */
    static double[][] forDashes(double[] x, double[] y, int layer, Range xr, Range yr, boolean logY, int width) {
        return forDashes(x, y, layer, xr, yr, logY, width, MAIN_HEIGHT);
    }

    static double[][] forDashes(double[] x, double[] y, int layer, Range xr, Range yr, boolean logY, int width, int height) {
        float[] dash = DASHES[layer % DASHES.length];
        if (dash == null || x.length < 3) return new double[][] {x, y};
        double period = 0;
        for (float d : dash) period += d;
        double min = 2 * period;
        // pixels per unit of the (log) axes, for a plot area of about 80% of the chart
        double sx = 0.8 * width / Math.log(xr.hi() / xr.lo());
        double sy = 0.8 * height / (logY ? Math.log(yr.hi() / yr.lo()) : yr.hi() - yr.lo());
        double[] kx = new double[x.length];
        double[] ky = new double[x.length];
        int n = 0;
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            boolean gap = Double.isNaN(y[i]) || (i > 0 && Double.isNaN(y[i - 1])) || (i + 1 < x.length && Double.isNaN(y[i + 1]));
            double px = sx * Math.log(x[i]);
            double py = sy * (logY ? Math.log(y[i]) : y[i]);
            boolean far = !(Math.hypot(px - lastX, py - lastY) < min); // true after a gap (NaN)
            if (i == 0 || i == x.length - 1 || gap || far) {
                kx[n] = x[i];
                ky[n++] = y[i];
                lastX = px;
                lastY = py;
            }
        }
        return new double[][] {Arrays.copyOf(kx, n), Arrays.copyOf(ky, n)};
    }

    static Color colour(Figure f, int i, int n) {
        if (f.sequential && n > 1) {
            int k = n == 1 ? 0 : (int) Math.round(i * (VIRIDIS.length - 1.0) / (n - 1));
            return VIRIDIS[k];
        }
        return QUALITATIVE[i % QUALITATIVE.length];
    }

    private static BasicStroke stroke(int i, float width) {
        float[] dash = DASHES[i % DASHES.length];
        return dash == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /**
     * Tick labels on log axes: every decade as 1e6, 1e9 … (plain numbers from 0.001 to 1000); within
     * a narrow range (under two decades) the 2 and 5 multiples too, and under a decade every tick.
     */
    static String tick(Double v, double decades) {
        if (v == null || !(v > 0)) return "";
        int e = (int) Math.floor(Math.log10(v) + 1e-9);
        double m = v / Math.pow(10, e);
        long mi = Math.round(m);
        if (Math.abs(m - mi) > 1e-6 || mi < 1 || mi > 10) return "";
        if (mi == 10) {
            mi = 1;
            e++;
        }
        boolean show = mi == 1 || decades < 1 || (decades < 2.2 && (mi == 2 || mi == 5));
        if (!show) return "";
        if (e >= -3 && e <= 3) {
            return new java.math.BigDecimal(mi).scaleByPowerOfTen(e).toPlainString();
        }
        return mi + "e" + e;
    }

    /**
     * Ticks on a log y axis spanning under half a decade. XChart ticks a log axis only at m·10ᵉ
     * (m = 1…9), which leaves a loss axis from 1.9 to 3.5 with two labels, "2" and "3" (the
     * Chinchilla report). Here a round step (1, 2 or 5 · 10ᵏ) giving at most {@value #MOST} ticks
     * over the range is chosen; XChart's own ticks among them get labels with the step's decimals
     * (through the axis' formatting function, so their column is wide enough), and this annotation
     * draws the rest: a short tick inside each edge of the plot and a label.
     */
    static final class LogTicks extends Annotation {
        /** At most this many ticks on the axis. */
        static final int MOST = 8;
        private final double[] values;
        /** The step is m·10^k. */
        private final int k;
        private final Font font;

        private LogTicks(double[] values, int k, Font font) {
            super(false);
            this.values = values;
            this.k = k;
            this.font = font;
        }

        /** The ticks of a log axis from lo to hi, or null when it spans half a decade or more (XChart's ticks suffice). */
        static LogTicks of(double lo, double hi, Layout layout) {
            if (!(lo > 0 && hi > lo) || Math.log10(hi / lo) >= 0.5) return null;
            double span = hi - lo;
            int k = (int) Math.floor(Math.log10(span)) - 1;
            double step = Double.NaN;
            int stepExponent = 0;
            search:
            for (; k <= Math.floor(Math.log10(span)) + 1; k++) {
                for (int m : new int[] {1, 2, 5}) {
                    double st = m * Math.pow(10, k);
                    if (Math.floor(hi / st) - Math.ceil(lo / st) + 1 <= MOST) {
                        step = st;
                        stepExponent = k;
                        break search;
                    }
                }
            }
            List<Double> v = new ArrayList<>();
            for (long i = (long) Math.ceil(lo / step - 1e-9); i * step <= hi * (1 + 1e-12); i++) {
                v.add(new java.math.BigDecimal(i).multiply(java.math.BigDecimal.valueOf(step)).doubleValue());
            }
            return new LogTicks(v.stream().mapToDouble(Double::doubleValue).toArray(), stepExponent, layout.smallFont());
        }

        /** Every labelled tick value, XChart's and this annotation's, in order. */
        double[] values() {
            return values.clone();
        }

        /** The label of a tick: as many decimals as the step has; 2.2e6 form below 0.001 and from 10⁴ on (as {@link #tick}). */
        String label(double v) {
            if (v >= 1e-3 && v < 1e4) return String.format(Locale.ROOT, "%." + Math.max(0, -k) + "f", v);
            int e = (int) Math.floor(Math.log10(v) + 1e-9);
            return String.format(Locale.ROOT, "%." + Math.max(0, e - k) + "fe%d", v / Math.pow(10, e), e);
        }

        /** Whether XChart ticks the axis at v itself: m·10ᵉ, m = 1…9. */
        static boolean xchartTick(double v) {
            int e = (int) Math.floor(Math.log10(v) + 1e-9);
            double m = v / Math.pow(10, e);
            return Math.abs(m - Math.round(m)) < 1e-6;
        }

        /** The label of one of XChart's ticks: with the step's decimals when it is one of ours, none otherwise. */
        String major(Double v) {
            if (v == null) return "";
            for (double t : values) {
                if (Math.abs(t - v) <= 1e-9 * t) return label(t);
            }
            return "";
        }

        @Override
        public void paint(Graphics2D g) {
            int left = getXAxisScreenValueForMin();
            int right = getXAxisScreenValueForMax();
            org.knowm.xchart.style.AxesChartStyler st = (org.knowm.xchart.style.AxesChartStyler) styler;
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            java.awt.Stroke old = g.getStroke();
            for (double v : values) {
                if (xchartTick(v)) continue;
                int y = getYAxisScreenValue(v);
                // a short tick inside each edge (a grid line would be painted over the curves)
                g.setColor(Color.GRAY);
                g.setStroke(new BasicStroke(1f));
                g.draw(new Line2D.Double(left, y, left + 5, y));
                g.draw(new Line2D.Double(right - 5, y, right, y));
                String text = label(v);
                int tx = left - st.getAxisTickPadding() - st.getAxisTickMarkLength() - fm.stringWidth(text) - 1;
                // as outlines, as XChart draws its own tick labels, so both look the same in an SVG
                Shape glyphs = new java.awt.font.TextLayout(text, font, g.getFontRenderContext()).getOutline(null);
                g.setColor(st.getAxisTickLabelsColor());
                g.fill(java.awt.geom.AffineTransform.getTranslateInstance(tx, y + fm.getAscent() / 2.0 - 1).createTransformedShape(glyphs));
            }
            g.setStroke(old);
            bounds = new Rectangle2D.Double(0, 0, 0, 0);
        }
    }

    /** Filled (fitted) and open (held-out) markers; the shape varies by layer. */
    static final class ShapeMarker extends Marker {
        private final int shape;
        private final boolean filled;

        ShapeMarker(int layer, boolean filled) {
            this.shape = layer % 6;
            this.filled = filled;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            double r = size / 2.0;
            Shape s = switch (shape) {
                case 0 -> new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
                case 1 -> new Rectangle2D.Double(x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r);
                case 2 -> polygon(x, y, r * 1.15, new double[] {-90, 30, 150});
                case 3 -> polygon(x, y, r * 1.2, new double[] {-90, 0, 90, 180});
                case 4 -> polygon(x, y, r * 1.15, new double[] {90, 210, 330});
                default -> polygon(x, y, r * 1.1, new double[] {-90, -18, 54, 126, 198});
            };
            java.awt.Stroke old = g.getStroke();
            if (filled) {
                g.fill(s);
            } else {
                Color c = g.getColor();
                g.setColor(Color.WHITE);
                g.fill(s);
                g.setColor(c);
                g.setStroke(new BasicStroke(1.8f));
                g.draw(s);
            }
            g.setStroke(old);
        }

        private static Shape polygon(double x, double y, double r, double[] degrees) {
            Path2D.Double p = new Path2D.Double();
            for (int i = 0; i < degrees.length; i++) {
                double a = Math.toRadians(degrees[i]);
                if (i == 0) p.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
                else p.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
            }
            p.closePath();
            return p;
        }
    }

    /** A BNSL break: a dashed vertical line at dᵢ in the layer's colour, labelled with dᵢ and the slopes either side. */
    static final class BreakLabel extends Annotation {
        private final Figure.Break b;
        private final Color colour;
        private final int row;
        private final Font font;

        BreakLabel(Figure.Break b, Color colour, int row, Font font) {
            super(false);
            this.b = b;
            this.colour = colour;
            this.row = row;
            this.font = font;
        }

        @Override
        public void paint(Graphics2D g) {
            int x = getXAxisScreenValue(b.x());
            int top = getYAxisScreenValueForMin();
            int bottom = getYAxisScreenValueForMax();
            int left = getXAxisScreenValueForMin();
            int right = getXAxisScreenValueForMax();
            java.awt.Stroke old = g.getStroke();
            g.setColor(colour);
            g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            g.draw(new Line2D.Double(x, top, x, bottom));
            g.setStroke(old);
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            String text = b.label();
            int tw = fm.stringWidth(text);
            int tx = x + 5 + tw + 4 < right ? x + 5 : Math.max(left + 2, x - 5 - tw);
            int ty = bottom - 8 - row * (fm.getHeight() + 4);
            g.setColor(new Color(255, 255, 255, 235));
            g.fill(new Rectangle2D.Double(tx - 3, ty - fm.getAscent() - 1, tw + 6, fm.getHeight() + 2));
            g.setColor(colour.darker());
            g.drawString(text, tx, ty);
            bounds = new Rectangle2D.Double(tx, ty - fm.getAscent(), tw, fm.getHeight());
        }
    }
}
