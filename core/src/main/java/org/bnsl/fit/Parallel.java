package org.bnsl.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Independent work items (one curve each) run on a bounded pool; results come back in input order. */
public final class Parallel {
    private Parallel() {
    }

    /** The number of cores, the default parallelism. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Applies {@code f} to every item on {@code threads} threads and hands each result to
     * {@code sink} in input order, as soon as it and every result before it are done. At most
     * {@code window} items are in flight, so memory stays bounded however many items there are;
     * results are not kept. {@code f} should not throw (return a failure value instead): an
     * exception stops the run and is rethrown.
     */
    public static <T, R> void stream(List<T> items, Function<T, R> f, int threads, int window,
            java.util.function.BiConsumer<Integer, R> sink) {
        stream(items.iterator(), f, threads, window, sink);
    }

    /** As above, pulling the items from an iterator as room frees up (a file read as it is fitted). */
    public static <T, R> void stream(java.util.Iterator<T> items, Function<T, R> f, int threads, int window,
            java.util.function.BiConsumer<Integer, R> sink) {
        if (threads <= 1) {
            int i = 0;
            while (items.hasNext()) sink.accept(i++, f.apply(items.next()));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bnsl-fit");
            t.setDaemon(true);
            return t;
        });
        java.util.ArrayDeque<Future<R>> inFlight = new java.util.ArrayDeque<>();
        int written = 0;
        try {
            while (items.hasNext()) {
                T item = items.next();
                if (inFlight.size() >= Math.max(window, threads)) {
                    sink.accept(written++, take(inFlight.poll()));
                }
                inFlight.add(pool.submit(() -> f.apply(item)));
            }
            while (!inFlight.isEmpty()) {
                sink.accept(written++, take(inFlight.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R take(Future<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Applies {@code f} to every item on {@code threads} threads and returns the results in input
     * order. An unchecked exception from any item is rethrown as it was, after all items ran.
     */
    public static <T, R> List<R> map(List<T> items, Function<T, R> f, int threads) {
        if (threads <= 1 || items.size() <= 1) {
            List<R> out = new ArrayList<>(items.size());
            for (T t : items) out.add(f.apply(t));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
            Thread t = new Thread(r, "bnsl-fit");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T t : items) futures.add(pool.submit(() -> f.apply(t)));
            List<R> out = new ArrayList<>(items.size());
            RuntimeException first = null;
            for (Future<R> fu : futures) {
                try {
                    out.add(fu.get());
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                    }
                    out.add(null);
                }
            }
            if (first != null) throw first;
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
