package org.integrationhub.webconsole.internal;

import java.util.List;
import java.util.Locale;

/**
 * A small stacked bar chart as inline SVG, rendered on the server (no script, nothing fetched): one bar per bucket, the
 * lower part in the "good" colour, the upper part in the "bad" colour, a tooltip per bar. Every text it carries is
 * escaped; the rest is numbers.
 *
 * @param title the chart's accessible title
 * @param labels one label per bucket (the tooltip names it)
 * @param good the lower part of each bar (e.g. deliveries that succeeded)
 * @param bad the upper part of each bar (e.g. failed attempts)
 * @param goodName what the lower part counts
 * @param badName what the upper part counts
 */
record BarChart(String title, List<String> labels, long[] good, long[] bad, String goodName, String badName) {

    static final int WIDTH = 600;
    static final int HEIGHT = 120;
    private static final int AXIS = 16;

    BarChart {
        if (labels.size() != good.length || good.length != bad.length) {
            throw new IllegalArgumentException("labels, good and bad must have the same length");
        }
    }

    /** @return the highest bar */
    long max() {
        long max = 0;
        for (int i = 0; i < good.length; i++) {
            max = Math.max(max, good[i] + bad[i]);
        }
        return max;
    }

    String svg() {
        int n = good.length;
        long max = Math.max(1, max());
        double slot = (double) WIDTH / Math.max(1, n);
        double bar = Math.max(1, slot - 2);
        int plot = HEIGHT - AXIS;
        StringBuilder s = new StringBuilder(256 + n * 200);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"hub-bars\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\"><title>").append(Html.escape(title)).append("</title>");
        s.append("<line x1=\"0\" y1=\"").append(plot).append("\" x2=\"").append(WIDTH).append("\" y2=\"").append(plot)
                .append("\" stroke=\"#999\" stroke-width=\"1\"/>");
        for (int i = 0; i < n; i++) {
            double x = i * slot + 1;
            double hGood = plot * (double) good[i] / max;
            double hBad = plot * (double) bad[i] / max;
            s.append("<g><title>").append(Html.escape(labels.get(i) + ": " + good[i] + " " + goodName + ", " + bad[i]
                    + " " + badName)).append("</title>");
            rect(s, "hub-bar-good", x, plot - hGood, bar, hGood);
            rect(s, "hub-bar-bad", x, plot - hGood - hBad, bar, hBad);
            s.append("</g>");
        }
        if (n > 0) {
            text(s, 0, HEIGHT - 3, "start", labels.get(0));
            text(s, WIDTH, HEIGHT - 3, "end", labels.get(n - 1));
        }
        text(s, 2, 11, "start", "max " + max());
        return s.append("</svg>").toString();
    }

    private static void rect(StringBuilder s, String css, double x, double y, double w, double h) {
        if (h <= 0) {
            return;
        }
        s.append("<rect class=\"").append(css).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h)).append("\"/>");
    }

    private static void text(StringBuilder s, double x, double y, String anchor, String text) {
        s.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" font-size=\"10\" fill=\"#555\">").append(Html.escape(text)).append("</text>");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
