package org.bnsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Jackson stays out of core's public API (issue 13): no public or protected member of a public
 * class of {@code bnsl-core} names a Jackson type, so a library user (or Spark, with its own
 * Jackson) never has to match our Jackson version to call core. Core may use Jackson inside.
 */
class PublicApiTest {
    private static final String JACKSON = "com.fasterxml.jackson.";

    /** Every class compiled from core's main sources. */
    private static List<Class<?>> coreClasses() throws Exception {
        Path root = Path.of(InputException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
                if (name.endsWith("module-info") || name.endsWith("package-info")) continue;
                out.add(Class.forName(name, false, PublicApiTest.class.getClassLoader()));
            }
        }
        return out;
    }

    /** Whether code outside the package can see the class (it and every class around it are public). */
    private static boolean exported(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) return false;
        }
        return true;
    }

    private static void names(Type t, Set<String> out, Set<Type> seen) {
        if (t == null || !seen.add(t)) return;
        if (t instanceof Class<?> c) {
            if (c.isArray()) names(c.getComponentType(), out, seen);
            else out.add(c.getName());
        } else if (t instanceof ParameterizedType p) {
            names(p.getRawType(), out, seen);
            for (Type a : p.getActualTypeArguments()) names(a, out, seen);
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) names(b, out, seen);
            for (Type b : w.getLowerBounds()) names(b, out, seen);
        } else if (t instanceof GenericArrayType g) {
            names(g.getGenericComponentType(), out, seen);
        } else if (t instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) names(b, out, seen);
        }
    }

    /** The Jackson types a class shows to its users: in its supertypes and its public or protected members. */
    static Set<String> jacksonTypes(Class<?> c) {
        Set<String> all = new TreeSet<>();
        Set<Type> seen = new java.util.HashSet<>();
        names(c.getGenericSuperclass(), all, seen);
        for (Type t : c.getGenericInterfaces()) names(t, all, seen);
        for (Method m : c.getDeclaredMethods()) {
            if (!visible(m.getModifiers()) || m.isSynthetic()) continue;
            names(m.getGenericReturnType(), all, seen);
            for (Type t : m.getGenericParameterTypes()) names(t, all, seen);
            for (Type t : m.getGenericExceptionTypes()) names(t, all, seen);
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (!visible(k.getModifiers())) continue;
            for (Type t : k.getGenericParameterTypes()) names(t, all, seen);
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) names(f.getGenericType(), all, seen);
        }
        Set<String> jackson = new TreeSet<>();
        for (String n : all) if (n.startsWith(JACKSON)) jackson.add(c.getName() + " → " + n);
        return jackson;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    @Test
    void noPublicSignatureOfCoreNamesAJacksonType() throws Exception {
        List<Class<?>> classes = coreClasses();
        assertThat(classes).as("core's classes").hasSizeGreaterThan(50);
        Set<String> leaks = new TreeSet<>();
        for (Class<?> c : classes) if (exported(c)) leaks.addAll(jacksonTypes(c));
        assertThat(leaks).isEmpty();
    }

    /** A class that would leak: the check finds it. */
    public static final class Leaky {
        public com.fasterxml.jackson.core.JsonToken token(List<? extends com.fasterxml.jackson.core.JsonParser> in) {
            return null;
        }
    }

    @Test
    void theCheckFindsAJacksonTypeInASignature() {
        assertThat(jacksonTypes(Leaky.class)).containsExactly(Leaky.class.getName() + " → com.fasterxml.jackson.core.JsonParser",
                Leaky.class.getName() + " → com.fasterxml.jackson.core.JsonToken");
    }
}
