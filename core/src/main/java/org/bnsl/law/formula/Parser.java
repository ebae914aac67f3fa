package org.bnsl.law.formula;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.bnsl.law.formula.Node.Binary;
import org.bnsl.law.formula.Node.Call;
import org.bnsl.law.formula.Node.Compare;
import org.bnsl.law.formula.Node.Fn;
import org.bnsl.law.formula.Node.Logic;
import org.bnsl.law.formula.Node.Name;
import org.bnsl.law.formula.Node.Neg;
import org.bnsl.law.formula.Node.Not;
import org.bnsl.law.formula.Node.Num;
import org.bnsl.law.formula.Node.Op;
import org.bnsl.law.formula.Token.Kind;

/**
 * Recursive-descent parser for formulas and row predicates; the grammar is in the
 * {@linkplain org.bnsl.law.formula package documentation}. In predicate mode it also checks that
 * comparisons and numbers are used where each belongs.
 */
final class Parser {
    /**
     * The deepest nesting of parentheses, function calls, unary signs, {@code not} and exponents
     * accepted: each level costs a few stack frames here, so without a bound 2,000 {@code (} overflow
     * the stack. Real formulas nest a handful of levels.
     */
    static final int MAX_NESTING = 100;
    /**
     * The deepest syntax tree accepted. A chain such as {@code a+a+...+a} is flat to read but as deep
     * as it is long, and the compiler and role analysis walk the tree recursively.
     */
    static final int MAX_DEPTH = 1000;

    private final List<Token> tokens;
    private final boolean predicate;
    private final Errors errors;
    private final List<Name> names = new ArrayList<>();
    /** The depth of every composite node built so far (leaves have depth 1). */
    private final Map<Node, Integer> depths = new IdentityHashMap<>();
    private int i;
    private int nesting;

    private Parser(List<Token> tokens, boolean predicate, Errors errors) {
        this.tokens = tokens;
        this.predicate = predicate;
        this.errors = errors;
    }

    /** The tree of a whole formula, and every identifier in it in order of appearance. */
    record Parsed(Node root, List<Name> names) {}

    static Parsed formula(String text, Errors errors) {
        Parser p = new Parser(Lexer.tokens(text, false, errors), false, errors);
        Node root = p.sum();
        p.expectEnd();
        return new Parsed(root, List.copyOf(p.names));
    }

    static Parsed predicate(String text, Errors errors) {
        Parser p = new Parser(Lexer.tokens(text, true, errors), true, errors);
        Node root = p.or();
        p.requireBoolean(root);
        p.expectEnd();
        return new Parsed(root, List.copyOf(p.names));
    }

    // ---- predicates -------------------------------------------------------------------------

    private Node or() {
        Node left = and();
        while (peek().kind() == Kind.OR) {
            requireBoolean(left);
            Token t = advance();
            Node right = and();
            requireBoolean(right);
            left = deep(new Logic(Op.OR, left, right, left.column()), t, left, right);
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().kind() == Kind.AND) {
            requireBoolean(left);
            Token t = advance();
            Node right = not();
            requireBoolean(right);
            left = deep(new Logic(Op.AND, left, right, left.column()), t, left, right);
        }
        return left;
    }

    private Node not() {
        if (peek().kind() == Kind.NOT) {
            Token op = advance();
            enter(op);
            Node operand = not();
            nesting--;
            requireBoolean(operand);
            return deep(new Not(operand, op.column()), op, operand, operand);
        }
        return comparison();
    }

    private Node comparison() {
        Node left = sum();
        Op op = switch (peek().kind()) {
            case LT -> Op.LT;
            case LE -> Op.LE;
            case GT -> Op.GT;
            case GE -> Op.GE;
            case EQ -> Op.EQ;
            case NE -> Op.NE;
            default -> null;
        };
        if (op == null) return left;
        Token t = advance();
        requireNumber(left);
        Node right = sum();
        requireNumber(right);
        return deep(new Compare(op, left, right, left.column()), t, left, right);
    }

    /** A boolean is wanted: a bare number means a comparison is missing just after it. */
    private void requireBoolean(Node n) {
        if (predicate && !isBoolean(n)) {
            throw errors.at("expected a comparison", peek().column());
        }
    }

    private void requireNumber(Node n) {
        if (isBoolean(n)) {
            throw errors.at("expected a number, found a comparison", n.column());
        }
    }

    private static boolean isBoolean(Node n) {
        return n instanceof Compare || n instanceof Logic || n instanceof Not;
    }

    // ---- arithmetic -------------------------------------------------------------------------

    private Node sum() {
        Node left = product();
        while (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
            Token t = advance();
            Node right = product();
            left = binary(t.kind() == Kind.PLUS ? Op.ADD : Op.SUB, left, right, t);
        }
        return left;
    }

    private Node product() {
        Node left = unary();
        while (peek().kind() == Kind.STAR || peek().kind() == Kind.SLASH) {
            Token t = advance();
            Node right = unary();
            left = binary(t.kind() == Kind.STAR ? Op.MUL : Op.DIV, left, right, t);
        }
        return left;
    }

    private Node unary() {
        Token t = peek();
        if (t.kind() == Kind.MINUS || t.kind() == Kind.PLUS) {
            advance();
            enter(t);
            Node operand = unary();
            nesting--;
            requireNumber(operand);
            if (t.kind() == Kind.PLUS) return operand;
            if (operand instanceof Num n) return new Num(-n.value(), t.column());
            return deep(new Neg(operand, t.column()), t, operand, operand);
        }
        return power();
    }

    /** {@code ^} binds tighter than unary minus on its left and is right-associative. */
    private Node power() {
        Node base = primary();
        if (peek().kind() == Kind.CARET) {
            Token t = advance();
            enter(t);
            Node exponent = unary();
            nesting--;
            return binary(Op.POW, base, exponent, t);
        }
        return base;
    }

    private Node binary(Op op, Node left, Node right, Token t) {
        requireNumber(left);
        requireNumber(right);
        return deep(new Binary(op, left, right, left.column()), t, left, right);
    }

    private Node primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER:
                advance();
                return new Num(t.number(), t.column());
            case IDENT:
                advance();
                return name(t);
            case LPAREN: {
                advance();
                enter(t);
                Node inner = predicate ? or() : sum();
                nesting--;
                close(t);
                return inner;
            }
            case END:
                throw errors.at("expected an expression", t.column());
            default:
                throw errors.at("unexpected " + t.quoted(), t.column());
        }
    }

    private Node name(Token t) {
        String word = t.text();
        if (peek().kind() == Kind.LPAREN) {
            Fn fn = Fn.named(word);
            if (fn == null) throw errors.at("unknown function '" + word + "'", t.column());
            Token open = advance();
            enter(t);
            List<Node> args = new ArrayList<>();
            if (peek().kind() != Kind.RPAREN) {
                args.add(argument());
                while (peek().kind() == Kind.COMMA) {
                    advance();
                    args.add(argument());
                }
            }
            nesting--;
            close(open);
            checkArity(fn, args.size(), t.column());
            int depth = 0;
            for (Node a : args) depth = Math.max(depth, depth(a));
            if (fn == Fn.POW) return deep(new Binary(Node.Op.POW, args.get(0), args.get(1), t.column()), t, depth);
            return deep(new Call(fn, List.copyOf(args), t.column()), t, depth);
        }
        if (Fn.named(word) != null) {
            throw errors.at("expected '(' after the function '" + word + "'", peek().column());
        }
        if (word.equals("pi")) return new Num(Math.PI, t.column());
        Name n = new Name(word, t.column());
        names.add(n);
        return n;
    }

    private Node argument() {
        Node a = predicate ? or() : sum();
        requireNumber(a);
        return a;
    }

    private void checkArity(Fn fn, int got, int column) {
        if (fn.variadic()) {
            if (got < fn.arity) {
                throw errors.at("'" + fn.word + "' takes at least " + fn.arity + " arguments, got " + got, column);
            }
            if (got > Program.MAX_ARITY) {
                throw errors.at("'" + fn.word + "' takes at most " + Program.MAX_ARITY + " arguments, got " + got,
                        column);
            }
        } else if (got != fn.arity) {
            throw errors.at("'" + fn.word + "' takes " + fn.arity + " argument" + (fn.arity == 1 ? "" : "s")
                    + ", got " + got, column);
        }
    }

    /** One level deeper at {@code t}; past {@link #MAX_NESTING} the input is refused. */
    private void enter(Token t) {
        if (++nesting > MAX_NESTING) {
            throw errors.at("nesting deeper than " + MAX_NESTING, t.column());
        }
    }

    private int depth(Node n) {
        return depths.getOrDefault(n, 1);
    }

    /** Records the depth of {@code n}, made at {@code t} from {@code a} and {@code b}. */
    private Node deep(Node n, Token t, Node a, Node b) {
        return deep(n, t, Math.max(depth(a), depth(b)));
    }

    private Node deep(Node n, Token t, int childDepth) {
        if (childDepth + 1 > MAX_DEPTH) {
            throw errors.at("expression deeper than " + MAX_DEPTH + " operations", t.column());
        }
        depths.put(n, childDepth + 1);
        return n;
    }

    private void close(Token open) {
        Token t = peek();
        if (t.kind() == Kind.RPAREN) {
            advance();
            return;
        }
        if (t.kind() == Kind.END) {
            throw errors.plain("unclosed '(' opened at column " + open.column());
        }
        throw errors.at("unexpected " + t.quoted(), t.column());
    }

    private void expectEnd() {
        Token t = peek();
        if (t.kind() != Kind.END) {
            throw errors.at("unexpected " + t.quoted(), t.column());
        }
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token advance() {
        return tokens.get(i++);
    }
}
