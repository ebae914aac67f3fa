package org.bnsl;

import java.util.Locale;

/** Formatting of numbers for people: short, round-trippable enough, never locale-dependent. */
public final class Numbers {
    private Numbers() {
    }

    /** {@code v} with up to 6 significant digits: {@code 736}, {@code 0.0109}, {@code 4.2465e+09}. */
    public static String format(double v) {
        return format(v, 6);
    }

    /** {@code v} with up to {@code digits} significant digits, trailing zeros removed. */
    public static String format(double v, int digits) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return "0";
        double a = Math.abs(v);
        String s;
        if (a >= 1e-4 && a < 1e7) {
            s = String.format(Locale.ROOT, "%." + digits + "g", v);
            if (s.contains("e") || s.contains("E")) {
                s = String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
                return trimExp(s);
            }
            if (s.contains(".")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        return trimExp(String.format(Locale.ROOT, "%." + (digits - 1) + "e", v));
    }

    private static String trimExp(String s) {
        int e = s.indexOf('e');
        String mant = s.substring(0, e);
        String exp = s.substring(e + 1);
        if (mant.contains(".")) {
            mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        int ev = Integer.parseInt(exp);
        return mant + "e" + (ev < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(ev));
    }
}
