package org.bnsl.law.formula;

import java.util.ArrayList;
import java.util.List;
import org.bnsl.InputException;
import org.bnsl.law.formula.Token.Kind;

/**
 * Splits formula or predicate text into tokens. In formula mode only arithmetic is recognised; in
 * predicate mode also comparisons, {@code && || !} and the keywords {@code and or not}.
 */
final class Lexer {
    private final String text;
    private final boolean predicate;
    private final Errors errors;
    private int pos;

    private Lexer(String text, boolean predicate, Errors errors) {
        this.text = text;
        this.predicate = predicate;
        this.errors = errors;
    }

    static List<Token> tokens(String text, boolean predicate, Errors errors) {
        return new Lexer(text, predicate, errors).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
            if (pos >= text.length()) {
                out.add(new Token(Kind.END, "", 0, text.length() + 1));
                return out;
            }
            out.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = text.charAt(pos);
        if (isDigit(c) || (c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (isIdentStart(c)) {
            while (pos < text.length() && isIdentPart(text.charAt(pos))) pos++;
            String word = text.substring(start, pos);
            if (predicate) {
                switch (word) {
                    case "and": return token(Kind.AND, start);
                    case "or": return token(Kind.OR, start);
                    case "not": return token(Kind.NOT, start);
                    default: break;
                }
            }
            return token(Kind.IDENT, start);
        }
        pos++;
        switch (c) {
            case '+': return token(Kind.PLUS, start);
            case '-': return token(Kind.MINUS, start);
            case '/': return token(Kind.SLASH, start);
            case '^': return token(Kind.CARET, start);
            case '(': return token(Kind.LPAREN, start);
            case ')': return token(Kind.RPAREN, start);
            case ',': return token(Kind.COMMA, start);
            case '*':
                if (peek('*')) return token(Kind.CARET, start);
                return token(Kind.STAR, start);
            default: break;
        }
        if (predicate) {
            switch (c) {
                case '<': return token(peek('=') ? Kind.LE : Kind.LT, start);
                case '>': return token(peek('=') ? Kind.GE : Kind.GT, start);
                case '=':
                    if (peek('=')) return token(Kind.EQ, start);
                    throw errors.at("unexpected character '=' (use '==' to compare)", start + 1);
                case '!': return token(peek('=') ? Kind.NE : Kind.NOT, start);
                case '&':
                    if (peek('&')) return token(Kind.AND, start);
                    break;
                case '|':
                    if (peek('|')) return token(Kind.OR, start);
                    break;
                default: break;
            }
        }
        int cp = text.codePointAt(start);
        throw errors.at("unexpected character '" + new String(Character.toChars(cp)) + "'", start + 1);
    }

    private Token number() {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) pos++;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && isDigit(text.charAt(pos))) pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
            if (pos < text.length() && isDigit(text.charAt(pos))) {
                while (pos < text.length() && isDigit(text.charAt(pos))) pos++;
            } else {
                pos = mark; // "2e" or "3E": the number ends before the letter
            }
        }
        String s = text.substring(start, pos);
        return new Token(Kind.NUMBER, s, Double.parseDouble(s), start + 1);
    }

    private boolean peek(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private Token token(Kind kind, int start) {
        return new Token(kind, text.substring(start, pos), 0, start + 1);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !isIdentStart(s.charAt(0))) return false;
        for (int i = 1; i < s.length(); i++) {
            if (!isIdentPart(s.charAt(i))) return false;
        }
        return true;
    }
}
